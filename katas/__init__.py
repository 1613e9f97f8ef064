"""The learner's room: one lesson-and-stub module and one test module per kata."""

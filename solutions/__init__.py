"""The reference solutions: the same modules as katas/, with the bodies filled in."""

"""The machinery behind `make kata` and the other verbs: a learner never needs to open it.

cli        the verbs (`python -m katas VERB`), the parent process that prints every verdict
registry   the one list of katas: number, module, title, hints
feedback   helpers the kata tests share, so that failures speak the lesson's language
stubgen    the stubs in katas/ generated from the references in solutions/
"""

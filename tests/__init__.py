"""The repository's own checks (`make test`) and the maintainers' tools."""

import os

# numpy's BLAS starts a pool of threads at import, which costs each of the self-check's processes more
# CPU than the katas' tiny matrices could ever win back (the runner does the same for its children)
for _name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_name, "1")

# The self-check speaks English whatever the machine's locale says (a Korean LANG would turn every
# message the scenarios read into Korean); the tests that play a Korean learner set it themselves.
for _name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "KATA_LANG"):
    os.environ.pop(_name, None)
os.environ["LANG"] = "C.UTF-8"

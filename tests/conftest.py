from __future__ import annotations

import contextlib
import os
import warnings

from hypothesis import HealthCheck, settings

# When a property fails, Hypothesis's pytest plugin imports its patch writer
# (libcst), whose import raises a DeprecationWarning from mypy_extensions; under
# filterwarnings = error that turns a test failure into an INTERNALERROR that
# stops the run. Import it once here, with that warning silenced.
with warnings.catch_warnings():
    warnings.simplefilter("ignore", DeprecationWarning)
    with contextlib.suppress(ImportError):  # without libcst the plugin skips the patch
        import hypothesis.extra._patching  # noqa: F401

# Property tests run offline and must give the same verdict on every run and
# every machine: a fixed seed, no example database, no deadline (CI machines
# vary), and few enough examples to keep the suite fast. Set HYPOTHESIS_PROFILE=deep
# to search harder locally.
settings.register_profile(
    "ci",
    max_examples=100,
    deadline=None,
    derandomize=True,
    database=None,
    print_blob=False,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile(
    "deep",
    parent=settings.get_profile("ci"),
    max_examples=2000,
    derandomize=False,
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

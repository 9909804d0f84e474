"""Schemathesis hooks of the CI fuzz stage (tests/infra/schemathesis.sh loads them via SCHEMATHESIS_HOOKS).

Two things a JSON Schema cannot say, so that schema-valid requests test the write rather than the
fuzzer's guesses. Neither touches negative (coverage-phase) cases nor any check.
"""

import itertools
import os

import schemathesis
from hypothesis import strategies as st
from schemathesis import GenerationMode

# `format: phone` in the document: libphonenumber decides what a phone number is (international, or
# national for the server's phone region, GB by default), which no pattern can express. The fuzzer
# draws from Ofcom's numbers reserved for drama (London 020 7946 0xxx, Leeds 0113 496 0xxx), written
# both ways. They are valid numbers that belong to no one.
schemathesis.openapi.format(
    "phone",
    st.builds(
        lambda form, area, n: form.format(area=area, n=n),
        st.sampled_from(["+44 {area}{n:03d}", "0{area}{n:03d}"]),
        st.sampled_from(["20 7946 0", "113 496 0"]),
        st.integers(0, 999),
    ),
)

# Keys are scoped to the token, and each schemathesis run of a role uses the same one: the script
# names the run so that one run's keys never meet another's.
_run = os.environ.get("FUZZ_RUN", "run")
_fresh = itertools.count(1)


@schemathesis.hook
def before_call(context, case, kwargs):
    """A fresh Idempotency-Key for every schema-valid request that sends one.

    Hypothesis draws keys from a small space and repeats its simplest ones ("0", "!!"), and the server
    rightly refuses a key reused with another request (422 IDEMPOTENCY.KEY_REUSED). Deterministic
    (a counter), so a seed still replays the same run; negative cases keep the key they were given.
    """
    headers = case.headers
    if not headers or "Idempotency-Key" not in headers:
        return
    if case.meta is not None and case.meta.generation.mode is GenerationMode.NEGATIVE:
        return
    headers["Idempotency-Key"] = f"fuzz-{_run}-{next(_fresh)}"

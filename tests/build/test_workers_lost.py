"""A worker the pool loses is said in plain words, with the cause the pool was given."""

from __future__ import annotations

from concurrent.futures.process import BrokenProcessPool

from pebble import ProcessExpired

from brochure.build import builder, workers
from brochure.build.builder import Options


def _broken() -> BrokenProcessPool:
    try:
        try:
            raise OSError(12, "Cannot allocate memory")
        except OSError as error:
            raise BrokenProcessPool from error  # as pebble's new_worker raises it
    except BrokenProcessPool as exc:
        return exc


def test_a_worker_that_could_not_start_says_why() -> None:
    why = workers.lost(_broken(), 3072)
    assert why is not None and "could not be started or was lost" in why
    assert "OSError: [Errno 12] Cannot allocate memory" in why and "--jobs 1" in why


def test_a_worker_that_died_names_the_memory_limit() -> None:
    why = workers.lost(ProcessExpired("Abnormal termination", code=-9, pid=42), 512)
    assert why is not None and "render process died" in why and "512 MB" in why


def test_a_failure_of_the_job_itself_is_not_a_lost_worker() -> None:
    assert workers.lost(ValueError("bad"), 3072) is None


class _Future:
    def __init__(self, exc: BaseException) -> None:
        self.exc = exc

    def result(self):
        raise self.exc


def test_the_build_summary_carries_the_reason(tmp_path) -> None:
    result = builder._outcome(tmp_path / "alpha.yaml", _Future(_broken()), Options())
    assert result.slug == "alpha" and "Cannot allocate memory" in result.failure
    plain = builder._outcome(tmp_path / "alpha.yaml", _Future(BrokenProcessPool()), Options())
    assert "the pool gave no reason" in plain.failure  # before: "BrokenProcessPool: " and nothing else

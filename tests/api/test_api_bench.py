"""bench/bench_api.py runs end to end (briefly) against the test server with zero errors."""
from __future__ import annotations

import subprocess
import sys

from api.testing import PROJECT_ROOT


def test_bench_smoke(base_url):
    out = subprocess.run(
        [sys.executable, str(PROJECT_ROOT / "bench" / "bench_api.py"), "--url", base_url,
         "--duration", "1", "--clients", "1,4"],
        capture_output=True, text=True, timeout=120, check=False,
    )
    assert out.returncode == 0, out.stdout + out.stderr
    assert "| 4 |" in out.stdout and "/search" in out.stdout

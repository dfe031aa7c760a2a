#!/usr/bin/env python3
"""Builds examples/mwaa/plugins.zip: the wheel of wheel-src/ at the zip's root, as the MWAA guide's
offline install expects (it unpacks plugins.zip to /usr/local/airflow/plugins, where
requirements.txt's --find-links looks).

The wheel is written directly with zipfile (a pure-Python package needs no build backend, and none
can be downloaded here); every entry has a fixed timestamp and permissions, so the bytes depend
only on the sources: `npm run example:plugins` rebuilds the committed file identically, and a test
holds it to that.
"""
import base64
import hashlib
import io
import pathlib
import sys
import zipfile

HERE = pathlib.Path(__file__).resolve().parent
NAME, VERSION = "private_routing_example", "1.0.0"
DIST_INFO = f"{NAME}-{VERSION}.dist-info"
WHEEL_NAME = f"{NAME}-{VERSION}-py3-none-any.whl"
EPOCH = (1980, 1, 1, 0, 0, 0)  # the earliest time a zip entry can carry

METADATA = f"""Metadata-Version: 2.1
Name: private-routing-example
Version: {VERSION}
Summary: A helper for the DAGs of private-routing's mwaa-environment example
Requires-Python: >=3.9
"""
WHEEL = """Wheel-Version: 1.0
Generator: private-routing examples/mwaa/build-plugins.py
Root-Is-Purelib: true
Tag: py3-none-any
"""


def entry(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=EPOCH)
    info.external_attr = 0o644 << 16
    info.compress_type = zipfile.ZIP_STORED  # no compressor in the bytes: the same file from any zlib
    return info


def record_line(name: str, data: bytes) -> str:
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
    return f"{name},sha256={digest},{len(data)}"


def wheel() -> bytes:
    files = {
        p.relative_to(HERE / "wheel-src").as_posix(): p.read_bytes()
        for p in sorted((HERE / "wheel-src").rglob("*.py"))
    }
    files[f"{DIST_INFO}/METADATA"] = METADATA.encode()
    files[f"{DIST_INFO}/WHEEL"] = WHEEL.encode()
    record = "\n".join([*(record_line(n, d) for n, d in files.items()), f"{DIST_INFO}/RECORD,,"]) + "\n"
    files[f"{DIST_INFO}/RECORD"] = record.encode()
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for name, data in files.items():
            z.writestr(entry(name), data)
    return out.getvalue()


def main() -> None:
    target = pathlib.Path(sys.argv[1]) if len(sys.argv) > 1 else HERE / "plugins.zip"
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        info = entry(WHEEL_NAME)
        z.writestr(info, wheel())
    target.write_bytes(out.getvalue())
    print(f"wrote {target.name} ({len(out.getvalue())} bytes): {WHEEL_NAME}")


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Generates the zip fixtures for Tests/GateFormatsTests/ZipArchiveTests (and fuzz seeds in Fuzz/zip/seeds).

Run from the repository root:  python3 scripts/make_zip_fixtures.py
Needs only the standard library. Output is deterministic (fixed member dates).

Every archive holds the same three members, whose contents the tests rebuild independently:
  hello.txt     b"hello, gates\n"
  dir/bytes.bin bytes(range(256))
  repeat.txt    b"the quick brown fox jumps over the lazy dog %d\n" for i in range(60)
expected.json lists each archive's members with the sizes and CRC-32 Python's zipfile reports.
"""
import io
import json
import os
import struct
import warnings
import zipfile
import zlib

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "Tests", "GateFormatsTests", "Fixtures", "zip")
SEEDS = os.path.join(ROOT, "Fuzz", "zip", "seeds")
os.makedirs(OUT, exist_ok=True)
os.makedirs(SEEDS, exist_ok=True)

DATE = (2024, 1, 2, 3, 4, 6)
MEMBERS = [
    ("hello.txt", b"hello, gates\n"),
    ("dir/bytes.bin", bytes(range(256))),
    ("repeat.txt", b"".join(b"the quick brown fox jumps over the lazy dog %d\n" % i for i in range(60))),
]


def write_zip(target, compression, comment=b""):
    with zipfile.ZipFile(target, "w", compression=compression) as archive:
        for name, data in MEMBERS:
            info = zipfile.ZipInfo(name, date_time=DATE)
            info.compress_type = compression
            archive.writestr(info, data)
        archive.comment = comment


class Unseekable(io.RawIOBase):
    """A write-only stream without seek, so zipfile writes data descriptors after each member."""

    def __init__(self):
        self.buffer = bytearray()

    def writable(self):
        return True

    def write(self, data):
        self.buffer += data
        return len(data)


def zip64_stored():
    """A stored archive whose central headers and end record use ZIP64 fields, written by hand."""
    out = bytearray()
    central = bytearray()
    for name, data in MEMBERS:
        encoded = name.encode()
        crc = zlib.crc32(data)
        offset = len(out)
        local_extra = struct.pack("<HHQQ", 1, 16, len(data), len(data))
        out += struct.pack("<IHHHHHIIIHH", 0x04034B50, 45, 0, 0, 0, 0x2821, crc,
                           0xFFFFFFFF, 0xFFFFFFFF, len(encoded), len(local_extra))
        out += encoded + local_extra + data
        extra = struct.pack("<HHQQQ", 1, 24, len(data), len(data), offset)
        central += struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 45, 45, 0, 0, 0, 0x2821, crc,
                               0xFFFFFFFF, 0xFFFFFFFF, len(encoded), len(extra), 0, 0, 0, 0, 0xFFFFFFFF)
        central += encoded + extra
    directory_offset = len(out)
    out += central
    zip64_end = len(out)
    out += struct.pack("<IQHHIIQQQQ", 0x06064B50, 44, 45, 45, 0, 0, len(MEMBERS), len(MEMBERS),
                       len(central), directory_offset)
    out += struct.pack("<IIQI", 0x07064B50, 0, zip64_end, 1)
    out += struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, 0xFFFF, 0xFFFF, 0xFFFFFFFF, 0xFFFFFFFF, 0)
    return bytes(out)


def main():
    files = {}
    buffer = io.BytesIO()
    write_zip(buffer, zipfile.ZIP_STORED)
    files["stored.zip"] = buffer.getvalue()
    buffer = io.BytesIO()
    write_zip(buffer, zipfile.ZIP_DEFLATED, comment=b"a comment after the end record")
    files["deflated.zip"] = buffer.getvalue()
    stream = Unseekable()
    with zipfile.ZipFile(stream, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in MEMBERS:
            info = zipfile.ZipInfo(name, date_time=DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            with archive.open(info, "w") as member:
                member.write(data)
    files["descriptor.zip"] = bytes(stream.buffer)
    files["zip64.zip"] = zip64_stored()
    buffer = io.BytesIO()
    write_zip(buffer, zipfile.ZIP_BZIP2)
    files["bzip2.zip"] = buffer.getvalue()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w"):
        pass
    files["empty.zip"] = buffer.getvalue()

    buffer = io.BytesIO()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # zipfile warns about the duplicate name, which is the point
        with zipfile.ZipFile(buffer, "w") as archive:
            archive.writestr(zipfile.ZipInfo("hello.txt", date_time=DATE), MEMBERS[0][1])
            archive.writestr(zipfile.ZipInfo("hello.txt", date_time=DATE), MEMBERS[0][1])
    duplicate = buffer.getvalue()

    expected = {}
    for name, data in files.items():
        with open(os.path.join(OUT, name), "wb") as f:
            f.write(data)
        # Python's own reader is the independent check of every archive, the hand-made ZIP64 one included.
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            assert archive.testzip() is None, name
            expected[name] = [{"name": info.filename, "method": info.compress_type, "size": info.file_size,
                               "crc32": info.CRC} for info in archive.infolist()]
            for info in archive.infolist():
                assert archive.read(info) == dict(MEMBERS)[info.filename], (name, info.filename)
        if name != "bzip2.zip":
            with open(os.path.join(SEEDS, name), "wb") as f:
                f.write(data)
    with open(os.path.join(OUT, "expected.json"), "w") as f:
        json.dump(expected, f, indent=1, sort_keys=True)
        f.write("\n")
    with open(os.path.join(OUT, "duplicate.zip"), "wb") as f:
        f.write(duplicate)


main()

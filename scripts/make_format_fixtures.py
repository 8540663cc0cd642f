#!/usr/bin/env python3
"""Generates the file-format fixtures for Tests/GateFormatsTests (and fuzz seeds under Fuzz/*/seeds).

Run from the repository root:  python3 scripts/make_format_fixtures.py
Needs torch, safetensors, numpy. Output is deterministic (fixed seeds).
"""
import os
import struct

import numpy as np
import torch
from safetensors.numpy import save_file as np_save_file
from safetensors.torch import save_file

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "Tests", "GateFormatsTests", "Fixtures", "formats")
FUZZ = os.path.join(ROOT, "Fuzz")
os.makedirs(OUT, exist_ok=True)


def path(name):
    return os.path.join(OUT, name)


def seed(target, name, data):
    directory = os.path.join(FUZZ, target, "seeds")
    os.makedirs(directory, exist_ok=True)
    with open(os.path.join(directory, name), "wb") as f:
        f.write(data)


# 1. A real PyTorch LSTM state dict, saved the usual way, with metadata.
torch.manual_seed(0)
lstm = torch.nn.LSTM(input_size=3, hidden_size=4, num_layers=1)
save_file(lstm.state_dict(), path("torch_lstm.safetensors"), metadata={"framework": "pt", "note": "gatescope \"fixture\" é"})
# The same weights as raw float32 in C order, for exact comparison (name order as in state_dict).
with open(path("torch_lstm_expected.f32"), "wb") as f:
    for name, tensor in lstm.state_dict().items():
        f.write(tensor.detach().numpy().astype("<f4").tobytes())

# 2. Every dtype, with numpy's float32 conversion as the expected answer.
rng = np.random.default_rng(1)
all_half_bits = np.arange(65536, dtype=np.uint16)
f16 = all_half_bits.view(np.float16)
# bfloat16 widening is a plain shift; a sample of patterns (every 31st, plus specials) suffices.
bf16_bits = np.concatenate([np.arange(0, 65536, 31), [0x0001, 0x007F, 0x0080, 0x7F7F, 0x7F80, 0x7F81, 0x7FC0, 0x8000, 0x8001, 0xFF80, 0xFFC1, 0xFFFF]]).astype(np.uint16)
bf16 = torch.from_numpy(bf16_bits.view(np.int16).copy()).view(torch.bfloat16)
f64 = np.concatenate([
    rng.standard_normal(200) * 10.0 ** rng.integers(-45, 39, 200),
    np.array([0.0, -0.0, np.inf, -np.inf, np.nan, 1e-46, 1.4e-45, 7e-46, 3.4028235e38, 3.40282357e38,
              3.4028236e38, 1e39, -1e39, 1.0000000596046448, 1.0000001788139343, 2.0 ** -149, 2.0 ** -150,
              5e-324, 1.7976931348623157e308]),
])
ints = {
    "i64": np.array([0, 1, -1, 2**24 + 1, 2**53 + 1, -(2**63), 2**63 - 1, 16777217, 123456789], dtype=np.int64),
    "i32": np.array([0, -1, 2**31 - 1, -(2**31), 16777217, 33554435], dtype=np.int32),
    "i16": np.array([0, -1, 32767, -32768], dtype=np.int16),
    "i8": np.array([0, -1, 127, -128], dtype=np.int8),
    "u8": np.array([0, 1, 255], dtype=np.uint8),
    "bool": np.array([True, False, True]),
}
tensors = {
    "f16": torch.from_numpy(f16.copy()),
    "bf16": bf16,
    "f64": torch.from_numpy(f64),
    "f32_matrix": torch.arange(12, dtype=torch.float32).reshape(3, 4) / 8,
    "scalar": torch.tensor(2.5, dtype=torch.float32),
    "empty": torch.zeros(0, 3, dtype=torch.float32),
}
for key, value in ints.items():
    tensors[key] = torch.from_numpy(value)
save_file(tensors, path("all_dtypes.safetensors"))
np.seterr(over="ignore")
expected = {
    "f16": f16.astype(np.float32),
    "bf16": bf16.float().numpy(),
    "f64": f64.astype(np.float32),  # overflow to ±inf is the expected numpy behaviour
    "f32_matrix": tensors["f32_matrix"].numpy(),
    "scalar": np.array(2.5, dtype=np.float32),
    "empty": np.zeros((0, 3), dtype=np.float32),
}
for key, value in ints.items():
    expected[key] = value.astype(np.float32)
np_save_file(expected, path("all_dtypes_expected_f32.safetensors"))

# 3. What the reference writer produces for a small set, to compare byte for byte.
np_save_file({"b": np.array([1.5, -2.0], dtype=np.float32), "a": np.array([1, 2], dtype=np.int64),
              "c": np.array([0.5], dtype=np.float16), "q\"\\\n": np.zeros(1, dtype=np.float32)},
             path("reference_writer.safetensors"), metadata={"k": "v\"é"})

# 4. .npy files in every supported flavour; all hold arange-based values the tests recompute.
base = (np.arange(12, dtype=np.float64).reshape(3, 4) - 5) / 4  # exact in f16 too
np.save(path("c_f4.npy"), base.astype("<f4"))
np.save(path("c_f8.npy"), base.astype("<f8"))
np.save(path("c_f2.npy"), base.astype("<f2"))
np.save(path("big_endian_f4.npy"), base.astype(">f4"))
np.save(path("fortran_f4.npy"), np.asfortranarray(base.astype("<f4")))
np.save(path("fortran_3d_f4.npy"), np.asfortranarray(np.arange(24, dtype="<f4").reshape(2, 3, 4)))
np.save(path("vector_f4.npy"), np.arange(5, dtype="<f4"))
np.save(path("scalar_f4.npy"), np.array(7.0, dtype="<f4"))
np.save(path("batch_first_f4.npy"), base.astype("<f4").reshape(1, 3, 4))
np.save(path("u1.npy"), np.array([[0, 1], [254, 255]], dtype="|u1"))
np.save(path("i8.npy"), np.array([[-3, 4], [5, -6]], dtype="<i8"))
np.save(path("bool.npy"), np.array([True, False, True]))
for version in [(2, 0), (3, 0)]:
    with open(path("v%d_f4.npy" % version[0]), "wb") as f:
        np.lib.format.write_array(f, base.astype("<f4"), version=version)

# 5. CSV written by numpy/pandas-like tools.
np.savetxt(path("savetxt_header.csv"), base, delimiter=",", header="a,b,c,d", comments="", fmt="%.6g")
with open(path("excel_semicolon_bom_crlf.csv"), "wb") as f:
    f.write(b"\xef\xbb\xbf" + b'"time";"x;1";"y"\r\n0;1.5;-2\r\n1;2.5;-3\r\n\r\n')

# Fuzz seeds: small valid inputs for each target.
with open(path("reference_writer.safetensors"), "rb") as f:
    st = f.read()
seed("safetensors", "reference_writer.safetensors", st)
n = struct.unpack("<Q", st[:8])[0]
seed("trace-header", "reference_writer_header.json", st[8:8 + n])
seed("trace-header", "trace_header.json",
     b'{"__metadata__":{"gatescope":"trace","cell":"lstm"},"i":{"dtype":"F32","shape":[2,2],"data_offsets":[0,16]}}')
for name in ["c_f4.npy", "big_endian_f4.npy", "fortran_f4.npy", "vector_f4.npy", "u1.npy", "v2_f4.npy", "c_f2.npy"]:
    with open(path(name), "rb") as f:
        seed("npy", name, f.read())
seed("csv", "header.csv", b"a,b\n1,2\n3.5,-4e-3\n")
seed("csv", "quoted.csv", b'"x","y"\r\n"1",2\r\n')
seed("csv", "semicolon.csv", b"\xef\xbb\xbf1;2;3\n4;5;6\n\n")
seed("csv", "tab.csv", b"t\tv\n0\t1\n")
print("fixtures written to", OUT)

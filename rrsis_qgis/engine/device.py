"""Pick the torch device: auto → CUDA, then Apple MPS, then CPU; a requested one must exist. And the compute
precision: fp32, or bf16 autocast (an option of the rsrefseg2 models)."""
from __future__ import annotations

from contextlib import nullcontext

CHOICES = ("auto", "cpu", "cuda", "mps")
PRECISIONS = ("fp32", "bf16")


def resolve_device(name: str = "auto") -> "torch.device":
    import torch  # here, not at import: the CLI's and server's argument parsing needs only CHOICES

    if name not in CHOICES and not name.startswith("cuda:"):
        raise ValueError(f"unknown device {name!r}; use one of {', '.join(CHOICES)}")
    if name == "auto":
        if torch.cuda.is_available():
            return torch.device("cuda")
        if getattr(torch.backends, "mps", None) and torch.backends.mps.is_available():
            return torch.device("mps")
        return torch.device("cpu")
    if name.startswith("cuda") and not torch.cuda.is_available():
        raise ValueError("device 'cuda' was requested but torch sees no CUDA GPU; use --device cpu or auto")
    if name == "mps" and not (getattr(torch.backends, "mps", None) and torch.backends.mps.is_available()):
        raise ValueError("device 'mps' was requested but is not available here; use --device cpu or auto")
    return torch.device(name)


def compute_precision(device: "torch.device", precision: str = "fp32"):
    """A context for the model's forward: nothing for fp32, ``torch.autocast(device, bfloat16)`` for bf16
    (CUDA; CPU too, where its deviation is measured: bench/rsrefseg2_bf16.py)."""
    import torch

    if precision not in PRECISIONS:
        raise ValueError(f"unknown precision {precision!r}; use one of {', '.join(PRECISIONS)}")
    if precision == "fp32":
        return nullcontext()
    if device.type not in ("cuda", "cpu"):
        raise ValueError(f"bf16 autocast runs on CUDA or the CPU, not on {device.type}; use --precision fp32")
    return torch.autocast(device.type, dtype=torch.bfloat16)

"""What the training and evaluation processes count as running out of memory."""

from flywheel.pipes_child import out_of_memory


def _raised_from(cause: BaseException) -> BaseException:
    try:
        try:
            raise cause
        except BaseException as inner:
            raise ValueError("the trainer's own wrapper") from inner
    except ValueError as outer:
        return outer


def test_refused_allocations_count_as_out_of_memory_and_other_errors_do_not():
    cpu = RuntimeError("[enforce fail at alloc_cpu.cpp:127] DefaultCPUAllocator: can't allocate memory: you "
                       "tried to allocate 524288000 bytes. Error code 12 (Cannot allocate memory)")  # fmt: skip
    cuda = type("OutOfMemoryError", (RuntimeError,), {})("CUDA out of memory. Tried to allocate 2.00 GiB")
    assert out_of_memory(MemoryError()) and out_of_memory(cpu) and out_of_memory(cuda)
    assert out_of_memory(_raised_from(cpu))  # however deep the library wrapped it
    assert not out_of_memory(RuntimeError("Expected all tensors to be on the same device"))
    assert not out_of_memory(ValueError("rank must be positive")) and not out_of_memory(None)

"""The Jupyter project's conformance suite (jupyter_kernel_test) against the SftpInteractive C# kernel.

Run standalone with the kernelspec installed (``sftpi kernel install``), or through run_conformance.sh, which
installs it into a temporary prefix first. Needs Debian's /usr/bin/python3 (python3-jupyter-kernel-test).
"""
import os
import unittest

import jupyter_kernel_test as jkt


class SftpInteractiveKernelTests(jkt.KernelTests):
    kernel_name = os.environ.get("SFTPI_KERNEL_NAME", "sftpinteractive")

    # kernel_info
    language_name = "csharp"
    file_extension = ".csx"

    # execute: streams
    code_hello_world = 'Console.WriteLine("hello, world");'
    code_stderr = 'Console.Error.WriteLine("something went wrong");'

    # execute: results (the first one doubles as the history search pattern)
    code_execute_result = [
        {"code": "6*7", "result": "42"},
        {"code": "1 + 2", "result": "3"},
        {"code": '"abc".Length', "result": "3"},
        {"code": "var answer = 40 + 2;\nanswer", "result": "42"},
        {"code": 'Help()', "mime": "text/html"},
    ]

    # execute: errors (runtime and compile time both give exactly one error message)
    code_generate_error = 'throw new InvalidOperationException("boom");'

    # display_data with both mime types of the shared display pipeline
    code_display_data = [
        {"code": 'Display("hello from display");', "mime": "text/plain"},
        {"code": 'Display(Help());', "mime": "text/html"},
    ]

    # clear_output (ClearOutput(), as IPython's clear_output)
    code_clear_output = "ClearOutput();"

    # completion
    completion_samples = [
        {"text": "Console.WriteLi", "matches": {"WriteLine"}},
        {"text": "Math.Ma"},
        {"text": "var text = \"abc\"; text.ToUpperInv", "matches": {"ToUpperInvariant"}},
    ]

    # inspect
    code_inspect_sample = "Console.WriteLine"

    # is_complete
    complete_code_samples = ["1 + 1", "var x = 1;", 'Console.WriteLine("hi");', "if (true) { }", "class C { }"]
    incomplete_code_samples = ["if (true) {", "class C {", "Console.WriteLine(", 'var s = """', "var list = new[] {"]
    invalid_code_samples = ["var = ;", "int 5x = 1;", "}"]

    # history
    code_history_pattern = "6*7"
    supported_history_operations = ("tail", "range", "search")


if __name__ == "__main__":
    unittest.main(verbosity=2)

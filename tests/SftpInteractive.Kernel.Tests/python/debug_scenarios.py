"""Drives the SftpInteractive kernel's debugger through jupyter_client with the messages JupyterLab 4's debugger
extension sends (debug_request on control, debug_event on iopub), and prints one JSON object with what happened.
The xunit tests (DebuggerProtocolTests) run these and assert on the JSON.

Usage (Debian's /usr/bin/python3, kernelspec on JUPYTER_PATH):
  debug_scenarios.py explore      variable explorer after a cell; a breakpoint in a loop (locals, evaluate, continue);
                                  step into a method of an earlier cell, over, out
  debug_scenarios.py exceptions   break on thrown exceptions, then on unhandled ones
  debug_scenarios.py stopped      while a cell is stopped: kernel_info on control, completion and inspect on shell,
                                  then interrupt; pause a running loop; restart while stopped
  debug_scenarios.py members      a breakpoint in an async method of a class of an earlier cell: `this` and its private
                                  fields in the scopes, evaluate of members; copyToGlobals, then the next cell uses it
  debug_scenarios.py earlier      breakpoints in a lambda and a local function of an earlier cell, a conditional and a
                                  hit-count breakpoint; an unhandled exception in an async method of an earlier cell
  debug_scenarios.py transfer REMOTE TARGET
                                  a breakpoint in a download's progress handler (.env in the working directory),
                                  continue, interrupt while stopped
"""
import json
import sys
import time

from debug_client import step, reply_to, run, with_kernel, TIMEOUT


def explore(km, kc, dbg):
    result = {}
    kc.kernel_info()
    result["kernel_info"] = {k: v for k, v in reply_to(kc, kc.kernel_info()).items() if k in ("debugger", "supported_features")}
    init, attach, info = dbg.start()
    result["initialize"] = init["success"]
    result["filters"] = [f["filter"] for f in init["body"]["exceptionBreakpointFilters"]]
    result["attach"] = attach["success"]
    result["debug_info"] = {k: info["body"][k] for k in ("isStarted", "hashMethod", "hashSeed", "tmpFilePrefix", "tmpFileSuffix")}

    # The variable explorer after a cell, with no breakpoint.
    run(kc, 'var greeting = "hello";\nvar numbers = new List<int> { 1, 2, 3 };')
    listed = dbg.request("inspectVariables")["body"]["variables"]
    result["inspect"] = {v["name"]: {"type": v["type"], "value": v["value"]} for v in listed}
    numbers = next(v for v in listed if v["name"] == "numbers")
    result["numbers_items"] = [v["value"] for v in dbg.request("variables", {"variablesReference": numbers["variablesReference"]})["body"]["variables"]]
    rich = dbg.request("richInspectVariables", {"variableName": "greeting"})
    result["rich_greeting"] = rich["body"]["data"].get("text/plain")

    # A breakpoint in a loop: the cell is dumped to the path JupyterLab computes, the breakpoint set on that path.
    loop = "var total = 0;\nfor (var i = 0; i < 5; i++)\n{\n    total += i;\n}\ntotal"
    path = dbg.request("dumpCell", {"code": loop})["body"]["sourcePath"]
    result["dump_path"] = path
    with open(path) as f:
        result["dump_matches"] = f.read() == loop
    bp = dbg.request("setBreakpoints", {"source": {"path": path}, "breakpoints": [{"line": 4}], "lines": [4], "sourceModified": False})
    result["breakpoint_verified"] = [b["verified"] for b in bp["body"]["breakpoints"]]
    mark = dbg.mark()
    msg_id = kc.execute(loop)
    stopped = dbg.wait_event("stopped", mark)
    result["stopped"] = stopped["body"]
    result["threads"] = dbg.request("threads")["body"]["threads"]
    result["info_while_stopped"] = dbg.request("debugInfo")["body"]["stoppedThreads"]
    first = dbg.stopped_view()
    result["first_stop"] = first
    ev = dbg.request("evaluate", {"expression": "total + i + 10", "frameId": first["frame_id"], "context": "repl"})
    result["evaluate"] = ev["body"]["result"] if ev["success"] else ev.get("message")
    result["evaluate_global"] = dbg.request("evaluate", {"expression": "greeting.ToUpper()", "frameId": first["frame_id"], "context": "repl"})["body"]["result"]
    result["source"] = dbg.request("source", {"source": {"path": path}, "sourceReference": 0})["body"]["content"] == loop
    mark = dbg.mark()
    dbg.request("continue", {"threadId": 1})
    result["continued"] = dbg.wait_event("continued", mark)["event"]
    dbg.wait_event("stopped", mark)
    second = dbg.stopped_view()
    result["second_stop"] = second["variables"]["Locals"]
    dbg.request("setBreakpoints", {"source": {"path": path}, "breakpoints": [], "lines": [], "sourceModified": False})
    # JupyterLab refreshes the Locals after "Copy Variable to Globals" without waiting, so the user's continue can
    # overtake it: a reply about the stop that leaves after the continue's must fail, not show that stop's values.
    late = dbg.send("variables", {"variablesReference": second["references"]["Locals"]})
    resumed = dbg.send("continue", {"threadId": 1})
    result["overtaken"] = [{"what": "variables" if i == late else "continue", "success": c["success"]}
                           for i, c in dbg.replies([late, resumed])]
    reply = reply_to(kc, msg_id)
    result["loop_reply"] = reply["status"]
    # Once the cell ran on, that stop's frame and variable references are gone (DAP: valid while suspended).
    result["after_stop"] = {
        "scopes": dbg.request("scopes", {"frameId": second["frame_id"]})["success"],
        "variables": dbg.request("variables", {"variablesReference": second["references"]["Locals"]})["success"]}

    # Stepping across cells: into a method defined in an earlier cell, over, out.
    run(kc, "int Twice(int n)\n{\n    var d = n * 2;\n    return d;\n}")
    caller = "var a = 20;\nvar b = Twice(a + 1);\nb"
    path = dbg.request("dumpCell", {"code": caller})["body"]["sourcePath"]
    dbg.request("setBreakpoints", {"source": {"path": path}, "breakpoints": [{"line": 2}]})
    steps = []
    mark = dbg.mark()
    msg_id = kc.execute(caller)
    dbg.wait_event("stopped", mark)
    for command in ("stepIn", "next", "stepOut"):
        steps.append(dbg.stopped_view())
        mark = dbg.mark()
        dbg.request(command, {"threadId": 1})
        dbg.wait_event("stopped", mark)
    steps.append(dbg.stopped_view())
    result["steps"] = [{"top": s["frames"][0]["name"], "line": s["frames"][0]["line"], "depth": len(s["frames"]),
                        "locals": s["variables"].get("Locals", {})} for s in steps]
    dbg.request("setBreakpoints", {"source": {"path": path}, "breakpoints": []})
    dbg.request("continue", {"threadId": 1})
    result["caller_reply"] = reply_to(kc, msg_id)["status"]
    mark = dbg.mark()
    result["disconnect"] = dbg.request("disconnect", {"restart": False, "terminateDebuggee": True})["success"]
    result["terminated"] = dbg.wait_event("terminated", mark)["event"]
    result["started_after_disconnect"] = dbg.request("debugInfo")["body"]["isStarted"]
    result["after_disconnect"] = run(kc, "b")["status"]
    return result


def exceptions(km, kc, dbg):
    result = {}
    dbg.start()
    dbg.request("setExceptionBreakpoints", {"filters": ["raised"]})
    mark = dbg.mark()
    msg_id = kc.execute('var s = "x";\nvar n = int.Parse(s);')
    stopped = dbg.wait_event("stopped", mark)
    result["thrown"] = {"reason": stopped["body"]["reason"], "text": stopped["body"].get("text"), "view": dbg.stopped_view()}
    dbg.request("continue", {"threadId": 1})
    result["thrown_reply"] = reply_to(kc, msg_id).get("ename")

    dbg.request("setExceptionBreakpoints", {"filters": ["uncaught"]})
    # Caught inside the cell: no stop. Escaping the cell: a stop where it was thrown.
    result["caught_reply"] = run(kc, 'try { int.Parse("y"); } catch (FormatException) { }\n"ok"')["status"]
    mark = dbg.mark()
    msg_id = kc.execute('void Fail(string why)\n{\n    throw new InvalidOperationException(why);\n}\nvar reason = "broken";\nFail(reason);')
    stopped = dbg.wait_event("stopped", mark)
    result["unhandled"] = {"reason": stopped["body"]["reason"], "text": stopped["body"].get("text"), "view": dbg.stopped_view()}
    dbg.request("continue", {"threadId": 1})
    result["unhandled_reply"] = reply_to(kc, msg_id).get("ename")
    return result


def stopped(km, kc, dbg):
    result = {}
    step("start")
    dbg.start()
    code = "var counter = 41;\ncounter++;\ncounter"
    path = dbg.request("dumpCell", {"code": code})["body"]["sourcePath"]
    dbg.request("setBreakpoints", {"source": {"path": path}, "breakpoints": [{"line": 2}]})
    mark = dbg.mark()
    msg_id = kc.execute(code)
    dbg.wait_event("stopped", mark)
    step("stopped at the breakpoint; kernel_info on control")

    info = kc.session.msg("kernel_info_request", {})
    kc.control_channel.send(info)
    while True:
        reply = kc.get_control_msg(timeout=TIMEOUT)
        if reply["parent_header"].get("msg_id") == info["header"]["msg_id"]:
            result["control_kernel_info"] = reply["content"]["debugger"]
            break
    step("completion while stopped")
    result["completion"] = [m for m in reply_to(kc, kc.complete("Math.Ab", 7))["matches"] if m == "Abs"]
    result["inspect"] = reply_to(kc, kc.inspect("Math.Abs", 6))["found"]
    result["kernel_info"] = reply_to(kc, kc.kernel_info())["status"]

    step("interrupt while stopped")
    started = time.monotonic()
    km.interrupt_kernel()
    reply = reply_to(kc, msg_id, 30)
    result["interrupted"] = {"status": reply["status"], "ename": reply.get("ename"), "seconds": time.monotonic() - started}
    result["stop_cleared"] = dbg.request("debugInfo")["body"]["stoppedThreads"]
    result["after"] = run(kc, "1 + 1")["status"]

    # Pause stops a running cell at its next statement; interrupt then ends it.
    step("pause a running cell")
    mark = dbg.mark()
    msg_id = kc.execute("var n = 0;\nwhile (true)\n{\n    n++;\n}")
    time.sleep(1)
    dbg.request("pause", {"threadId": 1})
    paused = dbg.wait_event("stopped", mark)
    view = dbg.stopped_view()
    result["paused"] = {"reason": paused["body"]["reason"], "line": view["frames"][0]["line"], "n": view["variables"]["Locals"].get("n")}
    km.interrupt_kernel()
    result["paused_reply"] = reply_to(kc, msg_id, 30)["status"]

    # Restart while stopped: the new kernel runs cells.
    step("restart while stopped")
    mark = dbg.mark()
    kc.execute(code)
    dbg.wait_event("stopped", mark)
    # wait_for_ready drains iopub on this thread: the event thread must not read the same socket meanwhile (a ZeroMQ
    # socket is not thread-safe; two readers tore a message apart: "b'<IDS|MSG>' is not in list").
    dbg.close()
    km.restart_kernel(now=False)
    kc.wait_for_ready(timeout=TIMEOUT)
    result["after_restart"] = run(kc, "1 + 1")["status"]
    return result


def stop_and_view(kc, dbg, code, path_code, lines, breakpoints=None):
    """Sets breakpoints on the cell path_code was dumped to, runs code, waits for the stop; returns (msg_id, view)."""
    path = dbg.request("dumpCell", {"code": path_code})["body"]["sourcePath"]
    dbg.request("setBreakpoints", {"source": {"path": path}, "breakpoints": breakpoints or [{"line": n} for n in lines]})
    mark = dbg.mark()
    msg_id = kc.execute(code)
    dbg.wait_event("stopped", mark)
    return path, msg_id, dbg.stopped_view()


def members(km, kc, dbg):
    result = {}
    step("start")
    dbg.start()
    result["copy_supported"] = dbg.request("debugInfo")["body"]["copyToGlobals"]
    account = ("class Account : Named\n{\n    private int count = 40;\n    public string Name { get; set; } = \"main\";\n"
               "    public async Task<int> AddAsync(int bonus)\n    {\n        await Task.Yield();\n"
               "        var local = count + bonus;\n        count = local;\n        return count;\n    }\n}\n"
               "class Named\n{\n    public string Nickname { get; set; } = \"base\";\n}")
    result["define"] = run(kc, account)["status"]
    caller = "var acc = new Account();\nvar got = await acc.AddAsync(2);\ngot"
    step("stop in Account.AddAsync")
    path, msg_id, view = stop_and_view(kc, dbg, caller, account, [9])
    result["frames"] = [f["name"] for f in view["frames"]]
    result["line"] = view["frames"][0]["line"]
    result["locals"] = view["variables"]["Locals"]
    scopes = dbg.request("scopes", {"frameId": view["frame_id"]})["body"]["scopes"]
    listed = dbg.request("variables", {"variablesReference": scopes[0]["variablesReference"]})["body"]["variables"]
    this = next(v for v in listed if v["name"] == "this")
    result["this"] = {"type": this["type"], "expandable": this["variablesReference"] > 0}
    children = dbg.request("variables", {"variablesReference": this["variablesReference"]})["body"]["variables"]
    result["this_children"] = {v["name"]: v["value"] for v in children}

    def evaluate(expression):
        reply = dbg.request("evaluate", {"expression": expression, "frameId": view["frame_id"], "context": "repl"})
        return reply["body"]["result"] if reply["success"] else "failed: " + reply.get("message", "")

    rich = dbg.request("richInspectVariables", {"variableName": "count", "frameId": view["frame_id"]})
    result["rich_member"] = rich["body"]["data"].get("text/plain")
    result["evaluate"] = {e: evaluate(e) for e in ("count", "this.count", "this.count * 10 + bonus", "Name.Length", "this.Name", "this",
                                                 "Nickname", "Nickname.Length + count", "this.Nickname.ToUpper()")}

    step("copyToGlobals")
    copy = dbg.request("copyToGlobals", {"srcVariableName": "local", "dstVariableName": "local", "srcFrameId": view["frame_id"]})
    result["copy"] = {"success": copy["success"], "result": copy.get("body", {}).get("result")}
    renamed = dbg.request("copyToGlobals", {"srcVariableName": "count", "dstVariableName": "savedCount", "srcFrameId": view["frame_id"]})
    result["copy_member"] = renamed["success"]
    missing = dbg.request("copyToGlobals", {"srcVariableName": "nothing", "dstVariableName": "nothing", "srcFrameId": view["frame_id"]})
    result["copy_missing"] = missing["success"]
    # JupyterLab asks for the scopes of the top frame again right after the reply.
    scopes = dbg.request("scopes", {"frameId": view["frame_id"]})["body"]["scopes"]
    globals_ = next(s for s in scopes if s["name"] == "Globals")
    listed = dbg.request("variables", {"variablesReference": globals_["variablesReference"]})["body"]["variables"]
    result["globals_after_copy"] = {v["name"]: v["value"] for v in listed}
    dbg.request("setBreakpoints", {"source": {"path": path}, "breakpoints": []})
    dbg.request("continue", {"threadId": 1})
    result["caller_reply"] = reply_to(kc, msg_id)["status"]
    step("the next cell uses the copies")
    reply = run_with_result(kc, dbg, "local * 100 + savedCount")
    result["next_cell"] = reply
    result["explorer"] = {v["name"]: v["value"] for v in dbg.request("inspectVariables")["body"]["variables"]}
    return result


def run_with_result(kc, dbg, code):
    """Runs code; its execute_result's text/plain (or the error's name and message), which the iopub thread collects."""
    msg_id = kc.execute(code)
    reply_to(kc, msg_id)
    deadline = time.monotonic() + TIMEOUT
    with dbg.condition:
        while msg_id not in dbg.results and time.monotonic() < deadline:
            dbg.condition.wait(0.2)
        return dbg.results.get(msg_id)


def earlier(km, kc, dbg):
    result = {}
    step("start")
    dbg.start()
    helpers = ("Func<int, int> square = x =>\n{\n    var sq = x * x;\n    return sq;\n};\n"
               "int Sum(int upto)\n{\n    var total = 0;\n    for (var i = 1; i <= upto; i++)\n    {\n        total += Local(i);\n    }\n    return total;\n"
               "    int Local(int k)\n    {\n        var doubled = k * 2;\n        return doubled;\n    }\n}")
    result["define"] = run(kc, helpers)["status"]

    step("a lambda of the earlier cell")
    path, msg_id, view = stop_and_view(kc, dbg, "square(7)", helpers, [4])
    result["lambda"] = {"frames": [f["name"] for f in view["frames"]], "line": view["frames"][0]["line"], "locals": view["variables"]["Locals"]}
    dbg.request("setBreakpoints", {"source": {"path": path}, "breakpoints": []})
    dbg.request("continue", {"threadId": 1})
    result["lambda_reply"] = reply_to(kc, msg_id)["status"]

    step("a local function of the earlier cell")
    path, msg_id, view = stop_and_view(kc, dbg, "Sum(3)", helpers, [17])
    result["local_function"] = {"frames": [f["name"] for f in view["frames"]], "line": view["frames"][0]["line"], "locals": view["variables"]["Locals"]}
    dbg.request("setBreakpoints", {"source": {"path": path}, "breakpoints": []})
    dbg.request("continue", {"threadId": 1})
    result["local_function_reply"] = reply_to(kc, msg_id)["status"]

    step("a conditional breakpoint and a hit count")
    path, msg_id, view = stop_and_view(kc, dbg, "Sum(12)", helpers, None, [{"line": 11, "condition": "i == 4"}])
    result["conditional"] = view["variables"]["Locals"]
    dbg.request("setBreakpoints", {"source": {"path": path}, "breakpoints": [{"line": 11, "hitCondition": "5"}]})
    mark = dbg.mark()
    dbg.request("continue", {"threadId": 1})
    dbg.wait_event("stopped", mark)
    result["hit_count"] = dbg.stopped_view()["variables"]["Locals"]
    dbg.request("setBreakpoints", {"source": {"path": path}, "breakpoints": []})
    dbg.request("continue", {"threadId": 1})
    result["sum_reply"] = reply_to(kc, msg_id)["status"]

    step("an unhandled exception in an async method of an earlier cell")
    result["define_async"] = run(kc, "async Task<int> ParseLaterAsync(string text)\n{\n    await Task.Yield();\n    var trimmed = text.Trim();\n    return int.Parse(trimmed);\n}")["status"]
    dbg.request("setExceptionBreakpoints", {"filters": ["uncaught"]})
    mark = dbg.mark()
    msg_id = kc.execute('var parsed = await ParseLaterAsync(" nope ");')
    stopped = dbg.wait_event("stopped", mark)
    view = dbg.stopped_view()
    result["async_unhandled"] = {"reason": stopped["body"]["reason"], "text": stopped["body"].get("text"),
                                 "frames": [f["name"] for f in view["frames"]], "line": view["frames"][0]["line"],
                                 "locals": view["variables"]["Locals"]}
    dbg.request("continue", {"threadId": 1})
    result["async_unhandled_reply"] = reply_to(kc, msg_id).get("ename")
    return result


def transfer(km, kc, dbg, remote, target):
    """A breakpoint in a download's progress handler: it stops there (the download goes on), continues, and an
    interrupt while stopped cancels the download."""
    result = {}
    dbg.start()
    result["connect"] = run(kc, "var s = Connect();")["status"]
    code = ("var seen = 0L;\nvar progress = new Progress<TransferProgress>(p =>\n{\n    seen = p.Bytes;\n});\n"
            f'await s.GetAsync("{remote}", "{target}", null, progress);')
    path = dbg.request("dumpCell", {"code": code})["body"]["sourcePath"]
    dbg.request("setBreakpoints", {"source": {"path": path}, "breakpoints": [{"line": 4}]})
    mark = dbg.mark()
    msg_id = kc.execute(code)
    dbg.wait_event("stopped", mark)
    first = dbg.stopped_view()
    result["first"] = {"frames": [f["name"] for f in first["frames"]], "locals": list(first["variables"]["Locals"])}
    mark = dbg.mark()
    dbg.request("continue", {"threadId": 1})
    dbg.wait_event("stopped", mark)
    result["second_stop"] = True
    started = time.monotonic()
    km.interrupt_kernel()
    reply = reply_to(kc, msg_id, 60)
    result["interrupted"] = {"status": reply["status"], "ename": reply.get("ename"), "seconds": time.monotonic() - started}
    dbg.request("setBreakpoints", {"source": {"path": path}, "breakpoints": []})
    result["after"] = run(kc, "1 + 1")["status"]
    result["alive"] = km.is_alive()
    return result


def main(argv):
    scenarios = {"explore": explore, "exceptions": exceptions, "stopped": stopped, "members": members, "earlier": earlier,
                 "transfer": transfer}
    print(json.dumps(with_kernel(lambda km, kc, dbg: scenarios[argv[1]](km, kc, dbg, *argv[2:])), default=str))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

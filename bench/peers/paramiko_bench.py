#!/usr/bin/python3
"""Paramiko peer for bench/run: get, put, or the tutorial's serial recursive walk.

Usage: paramiko_bench.py get|put|walk <args> ; connection from SFTP_HOST/PORT/USERNAME/PRIVATE_KEY env vars.
Prints one JSON line: {"work_s": seconds of the work only, "connect_s": ...}.
"""
import json
import os
import stat
import sys
import time

import paramiko

start = time.perf_counter()
transport = paramiko.Transport((os.environ["HOST"], int(os.environ["PORT"])))
# Paramiko 2.12 has no AES-GCM; aes128-ctr is its fastest AES cipher (stated in the report).
transport.get_security_options().ciphers = ("aes128-ctr",)
transport.connect(username=os.environ["SFTP_USERNAME"], pkey=paramiko.Ed25519Key.from_private_key_file(os.environ["SFTP_PRIVATE_KEY"]))
sftp = paramiko.SFTPClient.from_transport(transport)
connect_s = time.perf_counter() - start


def walk(path, pattern, found):
    """The tutorial's search: listdir_attr, recurse into folders one by one, collect name matches."""
    try:
        entries = sftp.listdir_attr(path)
    except IOError:
        return
    for entry in entries:
        full = path.rstrip("/") + "/" + entry.filename
        if stat.S_ISDIR(entry.st_mode):
            walk(full, pattern, found)
        elif entry.filename == pattern:
            found.append(full)


work = time.perf_counter()
mode = sys.argv[1]
detail = ""
if mode == "get":
    sftp.get(sys.argv[2], sys.argv[3])  # prefetch is on by default in 2.12
elif mode == "put":
    sftp.put(sys.argv[2], sys.argv[3])
elif mode == "walk":
    found = []
    walk(sys.argv[2], sys.argv[3], found)
    detail = f"{len(found)} matches"
work_s = time.perf_counter() - work
print(json.dumps({"connect_s": round(connect_s, 3), "work_s": round(work_s, 3), "detail": detail}))
sftp.close()
transport.close()

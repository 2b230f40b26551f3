#!/usr/bin/python3
"""Check the running sftpi test server account by account with Paramiko (Debian's python3-paramiko).

Usage: /usr/bin/python3 tests/server/verify-accounts.py [STATE_DIR]
(STATE_DIR defaults to $SFTPI_TEST_DIR or <repo root>/.sftpi-test.) Prints one line per check, exit 1 on failure.
Run with /usr/bin/python3: a python3 earlier on PATH (pyenv, venv) may lack paramiko.
"""

import base64
import hashlib
import hmac
import io
import os
import struct
import sys
import time

import paramiko

STATE = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else
                        os.environ.get("SFTPI_TEST_DIR") or
                        os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", ".sftpi-test"))
failures = 0


def load_env(path):
    env = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            k, v = line.split("=", 1)
            if len(v) >= 2 and v[0] == v[-1] and v[0] in "'\"":
                v = v[1:-1]
            env[k] = v
    return env


def totp(secret_b32, t=None, step=30, digits=6):
    key = base64.b32decode(secret_b32 + "=" * (-len(secret_b32) % 8), casefold=True)
    counter = int((time.time() if t is None else t) // step)
    mac = hmac.new(key, struct.pack(">Q", counter), hashlib.sha1).digest()
    off = mac[-1] & 0x0F
    code = (struct.unpack(">I", mac[off:off + 4])[0] & 0x7FFFFFFF) % 10 ** digits
    return f"{code:0{digits}d}"


def check(name, fn):
    global failures
    try:
        detail = fn()
        print(f"ok    {name}" + (f": {detail}" if detail else ""))
    except Exception as e:  # noqa: BLE001 - report every failure and continue
        failures += 1
        print(f"FAIL  {name}: {type(e).__name__}: {e}")


def transport(env):
    t = paramiko.Transport((env["SFTP_HOST"], int(env["SFTP_PORT"])))
    t.start_client(timeout=10)
    # strict host key policy: the server key must be in SFTP_KNOWN_HOSTS
    hk = paramiko.HostKeys(env["SFTP_KNOWN_HOSTS"])
    key = t.get_remote_server_key()
    host = f"[{env['SFTP_HOST']}]:{env['SFTP_PORT']}"
    if not hk.check(host, key):
        t.close()
        raise RuntimeError(f"host key {key.get_name()} not in known_hosts for {host}")
    return t


def load_key(env):
    path = env["SFTP_PRIVATE_KEY"]
    if path.endswith(".ppk"):  # paramiko cannot read PuTTY files: use the OpenSSH key it was made from
        path = os.path.join(os.path.dirname(path), "id_ppk_source")
    pw = env.get("SFTP_PASSPHRASE")
    with open(path, encoding="ascii") as f:
        text = f.read()
    for cls in (paramiko.Ed25519Key, paramiko.RSAKey, paramiko.ECDSAKey):
        try:
            return cls.from_private_key(io.StringIO(text), password=pw)
        except (paramiko.SSHException, ValueError):
            continue
    raise RuntimeError(f"cannot load {path}")


def exercise(t, server):
    """SFTP listing + an exec command on an authenticated transport."""
    sftp = paramiko.SFTPClient.from_transport(t)
    names = sftp.listdir(server["SFTPI_TEST_DATA_ROOT"] + "/WMR_Spots/North/history")
    assert "wmr1006.csv" in names, names[:5]
    chan = t.open_session()
    chan.exec_command("sha256sum " + server["SFTPI_TEST_LARGE_FILE"])
    out = chan.makefile().read().decode()
    assert chan.recv_exit_status() == 0
    assert out.split()[0] == server["SFTPI_TEST_LARGE_FILE_SHA256"], out
    sftp.close()
    return f"{len(names)} files in North/history, sha256sum of big.bin matches"


def expect_refused(fn):
    try:
        fn()
    except paramiko.AuthenticationException:
        return "refused"
    raise AssertionError("authentication unexpectedly succeeded")


def main():
    server = load_env(os.path.join(STATE, "server.env"))
    mode = server["SFTPI_TEST_MODE"]
    envs = {n[:-4]: load_env(os.path.join(STATE, "env", n)) for n in os.listdir(os.path.join(STATE, "env"))}
    print(f"state dir {STATE}, mode {mode}, env files: {', '.join(sorted(envs))}")

    def key_login(name):
        def run():
            env = envs[name]
            t = transport(env)
            try:
                remaining = t.auth_publickey(env["SFTP_USERNAME"], load_key(env))
                assert t.is_authenticated(), f"partial auth, remaining methods: {remaining}"
                return exercise(t, server)
            finally:
                t.close()
        return run

    for name in ("key", "key-passphrase", "key-pem", "key-ppk"):
        if name in envs:
            check(f"{name}: publickey login as {envs[name]['SFTP_USERNAME']}", key_login(name))
    if mode != "root":
        return

    pw = envs["password"]

    def password_ok():
        t = transport(pw)
        try:
            t.auth_password(pw["SFTP_USERNAME"], pw["SFTP_PASSWORD"])
            return exercise(t, server)
        finally:
            t.close()

    def password_wrong():
        t = transport(pw)
        try:
            return expect_refused(lambda: t.auth_password(pw["SFTP_USERNAME"], "wrong-" + pw["SFTP_PASSWORD"]))
        finally:
            t.close()

    def allowed_methods(env):
        t = transport(env)
        try:
            t.auth_none(env["SFTP_USERNAME"])
        except paramiko.BadAuthenticationType as e:
            return e.allowed_types
        finally:
            t.close()
        raise AssertionError("auth none succeeded")

    check("password: login as sftpi-pass", password_ok)
    check("password: wrong password refused", password_wrong)
    check("password: methods offered", lambda: allowed_methods(pw))

    kp = envs["keypass"]

    def keypass_ok():
        t = transport(kp)
        try:
            remaining = t.auth_publickey(kp["SFTP_USERNAME"], load_key(kp))
            assert remaining == ["password"], remaining
            assert not t.is_authenticated()
            t.auth_password(kp["SFTP_USERNAME"], kp["SFTP_PASSWORD"])
            return "key -> partial success, then password: " + exercise(t, server)
        finally:
            t.close()

    def keypass_password_only():
        t = transport(kp)
        try:
            return expect_refused(lambda: t.auth_password(kp["SFTP_USERNAME"], kp["SFTP_PASSWORD"]))
        finally:
            t.close()

    def keypass_wrong_password():
        t = transport(kp)
        try:
            t.auth_publickey(kp["SFTP_USERNAME"], load_key(kp))
            return expect_refused(lambda: t.auth_password(kp["SFTP_USERNAME"], "wrong"))
        finally:
            t.close()

    check("keypass: key AND password as sftpi-keypass", keypass_ok)
    check("keypass: password alone refused", keypass_password_only)
    check("keypass: key + wrong password refused", keypass_wrong_password)

    tp = envs["totp"]
    seen = []

    def handler_for(password, code):
        def handler(title, instructions, prompts):
            seen.append((title, instructions, [p for p, _ in prompts]))
            answers = []
            for prompt, _echo in prompts:
                if prompt == "Password: ":
                    answers.append(password)
                elif prompt == "Verification code: ":
                    answers.append(code)
                else:
                    raise AssertionError(f"unexpected prompt {prompt!r}")
            return answers
        return handler

    def totp_ok():
        seen.clear()
        t = transport(tp)
        try:
            t.auth_interactive(tp["SFTP_USERNAME"], handler_for(tp["SFTP_PASSWORD"], totp(tp["SFTP_TOTP_SECRET"])))
            return f"rounds {seen}; " + exercise(t, server)
        finally:
            t.close()

    def totp_wrong(password, code):
        def run():
            t = transport(tp)
            try:
                return expect_refused(lambda: t.auth_interactive(tp["SFTP_USERNAME"], handler_for(password, code)))
            finally:
                t.close()
        return run

    good_code = totp(tp["SFTP_TOTP_SECRET"])
    bad_code = f"{(int(good_code) + 500000) % 1000000:06d}"
    check("totp: password + code as sftpi-totp", totp_ok)
    check("totp: second login within the same 30 s step", totp_ok)
    check("totp: wrong code refused", totp_wrong(tp["SFTP_PASSWORD"], bad_code))
    check("totp: wrong password refused", totp_wrong("wrong", good_code))
    check("totp: methods offered", lambda: allowed_methods(tp))

    def upload():
        t = transport(pw)
        try:
            t.auth_password(pw["SFTP_USERNAME"], pw["SFTP_PASSWORD"])
            sftp = paramiko.SFTPClient.from_transport(t)
            for d in ("/home/sftpi-pass", server["SFTPI_TEST_UPLOAD_DIR"]):
                p = f"{d}/verify-{os.getpid()}.txt"
                with sftp.open(p, "w") as f:
                    f.write(b"hello\n")
                sftp.remove(p)
            try:
                sftp.open(server["SFTPI_TEST_DATA_ROOT"] + "/restricted/secret.csv").read()
                raise AssertionError("secret.csv readable")
            except PermissionError:
                pass
            try:
                sftp.listdir(server["SFTPI_TEST_DATA_ROOT"] + "/restricted/locked")
                raise AssertionError("locked/ listable")
            except PermissionError:
                pass
            return "home and upload dir writable; restricted file/dir denied"
        finally:
            t.close()

    check("files: write and permission checks as sftpi-pass", upload)


main()
print("all checks passed" if not failures else f"{failures} check(s) FAILED")
sys.exit(1 if failures else 0)

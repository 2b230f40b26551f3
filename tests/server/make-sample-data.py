#!/usr/bin/env python3
"""Generate the sftpi test server's sample data tree (stdlib only, deterministic).

Usage: make-sample-data.py DATA_ROOT [--large-mb N] [--force]

Shaped like the Paramiko "weather station CSV" tutorial:

  DATA_ROOT/
    README.txt
    WMR_Spots/<Region>/history/wmr1000.csv .. wmr1106.csv        (9 regions x 107 files)
    WMR_Spots/<Region>/stations/<region>-NN/<YYYY>/<MM>/<region>-NN_<YYYY>-<MM>-<DD>.csv
                                                                  (5 stations x 2 years x 12 months x 8 files)
    WMR_Spots/latest.csv -> North/history/wmr1106.csv            (relative file symlink)
    latest -> DATA_ROOT/WMR_Spots/North/history                   (absolute directory symlink)
    large/big.bin (--large-mb MiB), large/medium.bin (8 MiB), large/SHA256SUMS
    restricted/secret.csv (mode 000), restricted/locked/ (mode 700)
    misc/  (names with spaces / non-ASCII, a hidden file, an empty file, a dangling symlink)
    empty/ (an empty directory)

Every byte (CSV content, big.bin, medium.bin) is a pure function of the path / seed, so checksums
are stable across machines and re-generations. File and directory mtimes are fixed too.

The small-file tree is generated once (marker file .sftpi-sample-v1 written last); the large
files are checked on every run and regenerated only when their size does not match.
"""

import argparse
import hashlib
import os
import random
import sys
from datetime import datetime, timedelta, timezone

MARKER = ".sftpi-sample-v1"
REGIONS = ["North", "South", "East", "West", "Central", "Coast", "Highlands", "Islands", "Valley"]
HISTORY_FILES = range(1000, 1107)  # wmr1000.csv .. wmr1106.csv -> wmr1006.csv exists in every region
STATIONS_PER_REGION = 5
YEARS = (2022, 2023)
DAYS = (1, 4, 7, 10, 13, 16, 19, 22)  # 8 files per month directory
HEADER = "timestamp,station,temperature_c,humidity_pct,wind_kph\n"
FIXED_MTIME = datetime(2024, 1, 1, tzinfo=timezone.utc).timestamp()
MIB = 1024 * 1024


def csv_content(seed_key, station, start, region_index):
    """Deterministic CSV text: header + 5..60 hourly rows (a few hundred bytes to a few KB)."""
    rng = random.Random(seed_key)  # str seeds are hashed with SHA-512: stable across runs/machines
    rows = rng.randint(5, 60)
    base_temp = 4.0 + region_index * 1.5 + rng.uniform(-3, 3)
    lines = [HEADER]
    t = start
    for _ in range(rows):
        temp = base_temp + rng.uniform(-6, 6)
        hum = rng.randint(20, 100)
        wind = rng.uniform(0, 80)
        lines.append(f"{t:%Y-%m-%dT%H:%M:%SZ},{station},{temp:.1f},{hum},{wind:.1f}\n")
        t += timedelta(hours=1)
    return "".join(lines), (t - timedelta(hours=1)).timestamp()


def write_file(path, text, mtime):
    # A previous (interrupted) run may have left e.g. secret.csv at mode 000.
    if os.path.lexists(path) and not os.access(path, os.W_OK):
        os.chmod(path, 0o644)
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write(text)
    os.utime(path, (mtime, mtime))


def symlink(target, link):
    if os.path.lexists(link):
        os.remove(link)
    os.symlink(target, link)


def make_tree(root):
    nfiles = 0
    base = os.path.join(root, "WMR_Spots")
    for ri, region in enumerate(REGIONS):
        hist = os.path.join(base, region, "history")
        os.makedirs(hist, exist_ok=True)
        for n in HISTORY_FILES:
            name = f"wmr{n}.csv"
            start = datetime(2021, 1, 1, tzinfo=timezone.utc) + timedelta(days=(n - 1000) * 3, hours=ri)
            text, mtime = csv_content(f"{region}/history/{name}", f"WMR{n}", start, ri)
            write_file(os.path.join(hist, name), text, mtime)
            nfiles += 1
        for s in range(1, STATIONS_PER_REGION + 1):
            station = f"{region.lower()}-{s:02d}"
            for year in YEARS:
                for month in range(1, 13):
                    d = os.path.join(base, region, "stations", station, str(year), f"{month:02d}")
                    os.makedirs(d, exist_ok=True)
                    for day in DAYS:
                        name = f"{station}_{year}-{month:02d}-{day:02d}.csv"
                        start = datetime(year, month, day, tzinfo=timezone.utc)
                        text, mtime = csv_content(f"{region}/{station}/{name}", station, start, ri)
                        write_file(os.path.join(d, name), text, mtime)
                        nfiles += 1

    symlink(os.path.join(root, "WMR_Spots", "North", "history"), os.path.join(root, "latest"))
    symlink("North/history/wmr1106.csv", os.path.join(base, "latest.csv"))

    misc = os.path.join(root, "misc")
    os.makedirs(misc, exist_ok=True)
    write_file(os.path.join(misc, "notes with spaces.txt"), "File name with spaces.\n", FIXED_MTIME)
    write_file(os.path.join(misc, "données-é-данные.csv"), HEADER + "2023-01-01T00:00:00Z,ünï,1.0,50,2.0\n", FIXED_MTIME)
    write_file(os.path.join(misc, ".hidden.csv"), HEADER, FIXED_MTIME)
    write_file(os.path.join(misc, "empty.csv"), "", FIXED_MTIME)
    symlink("does-not-exist.csv", os.path.join(misc, "dangling-link.csv"))
    nfiles += 4
    os.makedirs(os.path.join(root, "empty"), exist_ok=True)

    restricted = os.path.join(root, "restricted")
    locked = os.path.join(restricted, "locked")
    os.makedirs(restricted, exist_ok=True)
    if os.path.isdir(locked):
        os.chmod(locked, 0o700)
    os.makedirs(locked, exist_ok=True)
    write_file(os.path.join(restricted, "secret.csv"), HEADER + "2023-01-01T00:00:00Z,secret,0.0,0,0.0\n", FIXED_MTIME)
    write_file(os.path.join(locked, "inside.csv"), HEADER, FIXED_MTIME)
    os.chmod(os.path.join(restricted, "secret.csv"), 0o000)
    os.chmod(locked, 0o700)
    nfiles += 2

    write_file(os.path.join(root, "README.txt"),
               "Sample data for the sftpi test server (generated by tests/server/make-sample-data.py).\n"
               "Weather-station CSVs: WMR_Spots/<Region>/history/wmrNNNN.csv and\n"
               "WMR_Spots/<Region>/stations/<station>/<year>/<month>/*.csv\n", FIXED_MTIME)
    nfiles += 1
    return nfiles


def fix_dir_mtimes(root):
    for dirpath, dirnames, _ in os.walk(root, topdown=False):
        if os.path.basename(dirpath) in ("large",) or dirpath == root:
            continue
        try:
            os.utime(dirpath, (FIXED_MTIME, FIXED_MTIME))
        except PermissionError:
            pass


def make_binary(path, size, seed):
    """Write `size` deterministic pseudo-random bytes atomically; return the SHA-256 hex digest."""
    rng = random.Random(seed)
    h = hashlib.sha256()
    tmp = path + ".tmp"
    with open(tmp, "wb") as f:
        left = size
        while left:
            chunk = rng.randbytes(min(MIB, left))
            h.update(chunk)
            f.write(chunk)
            left -= len(chunk)
    os.chmod(tmp, 0o644)
    os.replace(tmp, path)
    return h.hexdigest()


def read_sums(path):
    sums = {}
    if os.path.exists(path):
        with open(path, encoding="ascii") as f:
            for line in f:
                parts = line.split()
                if len(parts) == 2:
                    sums[parts[1]] = parts[0]
    return sums


def make_large(root, large_mb):
    large = os.path.join(root, "large")
    os.makedirs(large, exist_ok=True)
    sums_path = os.path.join(large, "SHA256SUMS")
    sums = read_sums(sums_path)
    changed = False
    for name, size, seed in (("big.bin", large_mb * MIB, "sftpi-big"), ("medium.bin", 8 * MIB, "sftpi-medium")):
        path = os.path.join(large, name)
        if name in sums and os.path.isfile(path) and os.path.getsize(path) == size:
            continue
        sums[name] = make_binary(path, size, seed)
        changed = True
    if changed:
        with open(sums_path + ".tmp", "w", encoding="ascii") as f:
            for name in sorted(sums):
                f.write(f"{sums[name]}  {name}\n")
        os.replace(sums_path + ".tmp", sums_path)
    return changed


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("root")
    ap.add_argument("--large-mb", type=int, default=64)
    ap.add_argument("--force", action="store_true", help="regenerate the small-file tree even if the marker exists")
    args = ap.parse_args()
    if args.large_mb < 1:
        sys.exit("--large-mb must be >= 1")

    os.umask(0o022)
    root = os.path.abspath(args.root)
    os.makedirs(root, exist_ok=True)
    marker = os.path.join(root, MARKER)

    if args.force or not os.path.exists(marker):
        nfiles = make_tree(root)
        fix_dir_mtimes(root)
        ndirs = sum(1 for _ in os.walk(root)) - 1  # excludes root; os.walk does not descend into symlinks
        with open(marker, "w", encoding="ascii") as f:
            f.write(f"small_files={nfiles}\ndirectories={ndirs}\n")
        print(f"sample data: generated {nfiles} small files in {root}")
    if make_large(root, args.large_mb):
        print(f"sample data: generated large files in {os.path.join(root, 'large')}")


if __name__ == "__main__":
    main()

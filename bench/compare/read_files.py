#!/usr/bin/python3
"""The read floor of bench/compare.sh: reads every DATA_DIR/*/*.csv once, with read() into one
reused buffer (as scrutineer reads its files), one thread, and does nothing with the bytes.

    read_files.py DATA_DIR

GNU cat, the other floor, maps and unmaps a fresh buffer for each file; on a busy virtual
machine the unmapping can cost more than the reading (0.5 ms a file, 2,400 files).
"""
import glob
import os
import sys

buffer = bytearray(1 << 20)
view = memoryview(buffer)
total = 0
for path in glob.glob(os.path.join(sys.argv[1], '*', '*.csv')):
    with open(path, 'rb', buffering=0) as f:
        while n := f.readinto(view):
            total += n
print(total)

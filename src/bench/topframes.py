#!/usr/bin/env python3
"""Summarise `jfr print --events jdk.ExecutionSample` output: the top 30 frames by self samples
(the frame on top of the stack) and by total samples (anywhere on the stack), and the top 30
packages by self samples."""
import collections
import re
import sys

FRAME = re.compile(r"^\s+([\w$.<>/]+)\(.*\)\s+line:")
self_c, total_c, pkg_c = collections.Counter(), collections.Counter(), collections.Counter()
samples, stack, in_stack = 0, [], False
for line in open(sys.argv[1], encoding="utf-8", errors="replace"):
    if "stackTrace = [" in line:
        in_stack, stack = True, []
    elif in_stack and line.strip() == "]":
        in_stack = False
        if stack:
            samples += 1
            self_c[stack[0]] += 1
            pkg_c[stack[0].rsplit(".", 2)[0]] += 1
            for f in set(stack):
                total_c[f] += 1
    elif in_stack:
        m = FRAME.match(line)
        if m:
            stack.append(m.group(1))
print(f"{samples} execution samples (stack depth up to 64)\n")
for title, counter in (("self", self_c), ("total (on the stack)", total_c), ("self by package", pkg_c)):
    print(f"top 30 by {title}:")
    for frame, n in counter.most_common(30):
        print(f"{100.0 * n / max(samples, 1):6.1f} %  {n:7d}  {frame}")
    print()

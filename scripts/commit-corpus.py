#!/usr/bin/env python3
"""Writes the commit messages of a git repository as a corpus for CommitlintAgreementTest.

Usage: scripts/commit-corpus.py GIT_DIR [REV ...] [--max N] > messages.txt
       (REV defaults to HEAD; any `git rev-list` arguments work, e.g. `--all` or `v1.0..main`)

Format: per commit, its id on one line, its message's lines, then a line `---8<---`. A message is read
back as its lines joined with "\\n" plus one final "\\n" (git's usual ending). Messages that contain a
separator line are left out, with a note on stderr. Messages are decoded as UTF-8 (invalid bytes
replaced). The output is third-party data: keep it out of the repository.
"""
import argparse
import subprocess
import sys

SEPARATOR = "---8<---"


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("git_dir")
    ap.add_argument("--max", type=int, default=0, help="at most this many commits, newest first (0: all)")
    # everything else goes to `git rev-list`, options such as --all included
    args, revs = ap.parse_known_args()
    git = ["git", "--git-dir", args.git_dir]
    rev_list = git + ["rev-list"] + (["--max-count", str(args.max)] if args.max else []) + (revs or ["HEAD"])
    ids = subprocess.run(rev_list, check=True, capture_output=True, text=True).stdout.split()
    # one `cat-file --batch` process reads every commit object exactly as stored
    batch = subprocess.Popen(git + ["cat-file", "--batch"], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    out = sys.stdout
    for commit in ids:
        batch.stdin.write((commit + "\n").encode())
        batch.stdin.flush()
        header = batch.stdout.readline().split()
        size = int(header[2])
        data = batch.stdout.read(size)
        batch.stdout.read(1)  # the newline after each object
        # the message starts after the first blank line that ends the commit's headers
        message = data[data.index(b"\n\n") + 2:].decode("utf-8", errors="replace") if b"\n\n" in data else ""
        if message.endswith("\n"):
            message = message[:-1]
        if SEPARATOR in message.split("\n"):
            print(f"skipped {commit}: its message contains a separator line", file=sys.stderr)
            continue
        out.write(commit + "\n" + message + "\n" + SEPARATOR + "\n")
    batch.stdin.close()
    batch.wait()


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Independent reference counts for the mail corpus (GNU Mailman archives).

Usage:  python3 tests/mail-corpus/count.py /work/shared/mail-corpus

Stdlib only.  This script is deliberately independent of the Rust importer:
its numbers are the expected values the Rust tests assert.  It reads the
corpus in place and writes nothing.

RULES (the Rust importer should match these, or knowingly differ):

R1  Container.  A file is gzip iff its first two bytes are 1f 8b (the name is
    irrelevant); gzip data is fully decompressed (all members).  Lines are the
    byte strings between b"\\n"; one trailing b"\\r" is ignored for matching.
    Line numbers are 1-based, counted in the decompressed text.

R2  Envelope (start of a message).  Line i is an envelope iff
      (a) it matches ENVELOPE_RE, i.e.
            ^From <sender>[ at <domain>]<ws+><date><ws*>$
          sender/domain = runs of non-whitespace bytes, and <date> is either
            ctime-like: Dow Mon D[D] HH:MM[:SS] [ZONE] YYYY [ZONE|+hhmm]
                        e.g. "Thu Nov  1 11:19:12 2001"
            RFC-2822-like: [Dow[,]] D[D] Mon YY[YY] HH:MM[:SS] [+hhmm|ZONE] [(comment)]
          (day/month names are case-sensitive English abbreviations), AND
      (b) line i+1 exists and is a header line: ^[!-9;-~]+:  (a field name of
          printable ASCII without ':' or space, immediately followed by ':').
    Nothing is required of line i-1 (it need not be blank: pipermail puts
    envelopes straight after scrubber "URL:" lines).  mboxrd quoting (">From ")
    never produces an envelope.

R3  Message extent.  From an envelope to the line before the next envelope (or
    EOF).  Header block = lines after the envelope up to the first empty line
    (after removing a trailing \\r).  Lines starting with SP/TAB continue the
    previous header (unfold by joining).  A line in the header block that is
    neither a header line nor a continuation ends the header block (counted as
    "malformed header line").  Header names are case-insensitive; the FIRST
    occurrence of a field is used.

R4  Header values are kept as bytes; for text operations they are decoded as
    UTF-8 if valid, else Latin-1.  Leading/trailing whitespace is stripped.

R5  Message-ID normalisation: strip whitespace, then strip any leading '<'
    and trailing '>' characters, strip whitespace again, lowercase.  A message
    "lacks" a Message-ID if the field is absent OR its normalised value is
    empty.
    Dedup key: "mid:"+normalised id, or for messages lacking one
    "fds:"+sha1(From \\0 Date \\0 Subject) over the raw (unfolded, stripped)
    header bytes, a missing field counting as empty.

R6  Date: "missing" = no Date field; "empty" = Date field with empty value;
    "unparseable" = email.utils.parsedate_to_datetime raises (or returns
    None) on the stripped value (empty counts as unparseable too).

R7  From obfuscation: the From value matches  \\S at \\S  (pipermail's
    "jjl at pobox.com (John J. Lee)").
    DMARC "via": the display name (quoted phrase before "<addr>", or the
    parenthesised comment after a bare address; RFC 2047 decoded) matches
    ^.+ via .+$  (case-sensitive " via ").  "with Reply-To" = such messages
    that have a non-empty Reply-To field.

R8  Non-UTF-8 header bytes: a message counts if any line of its header block
    (envelope line excluded, counted separately) is not valid UTF-8.

R9  In-Reply-To oddities (only messages having the field; value unfolded+stripped):
      irt_empty                       : value is empty
      irt_no_brackets                 : non-empty, contains no '<'; split into
        ..._bare_id_or_address        :   contains '@' (bare "id@host", e.g. 3GPP exports)
        ..._no_at                     :   no '@' ("0", "6667", "Your message at 12:17 on ...")
      irt_bracketed_plus_address_text : has <...> AND, outside all <...>, a token
                                        like  x@y.z  or  x at y.z  (e.g. "<id> (from a@b.c on ...)")
      irt_address_like                : such a token outside <...> (bare or bracketed+text)

R10 "Every message twice": a file where every dedup key occurs exactly twice.

R11 Envelope predecessor (for the README's "URL:" claim): none (line 1), empty,
    whitespace-only, URL (^url\\s*: case-insensitive: "Url : ..." or "URL: ..."),
    or other non-blank text.
"""

import collections
import email.header
import email.utils
import gzip
import hashlib
import mailbox
import os
import re
import sys

DOW = rb"(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)"
MON = rb"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)"
ZONE = rb"(?:[+-]\d{4}|[A-Za-z]{1,5})"
CTIME = (DOW + rb"\s+" + MON + rb"\s+\d{1,2}\s+\d{1,2}:\d{2}(?::\d{2})?"
         rb"(?:\s+[A-Za-z]{1,5})?\s+\d{4}(?:\s+" + ZONE + rb")?")
RFC2822 = (rb"(?:" + DOW + rb",?\s+)?\d{1,2}\s+" + MON + rb"\s+\d{2,4}\s+"
           rb"\d{1,2}:\d{2}(?::\d{2})?(?:\s+" + ZONE + rb")?(?:\s+\([^)]*\))?")
ENVELOPE_RE = re.compile(rb"^From (\S+(?: at \S+)?)\s+(?:" + CTIME + rb"|" + RFC2822 + rb")\s*$")
HEADER_RE = re.compile(rb"^([!-9;-~]+):")
URL_RE = re.compile(rb"^url\s*:", re.I)
_D = r"(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)"
_M = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)"
CTIME_DATE_RE = re.compile(_D + r"\s+" + _M + r"\s+\d{1,2}\s+\d{1,2}:\d{2}:\d{2}\s+\d{4}")
RFC_DATE_RE = re.compile(r"(?:" + _D + r",\s*)?\d{1,2}\s+" + _M + r"\s+\d{4}\s+\d{1,2}:\d{2}(?::\d{2})?\s+"
                         r"(?:[+-]\d{4}|UT|GMT|[ECMP][SD]T|[A-IK-Za-ik-z])(?:\s*\([^()]*\))?")
ADDR_RE = re.compile(r'[^\s<>()"]+@[^\s<>()"]+\.[^\s<>()"]+|[^\s<>()"]+ at [^\s<>()"]+\.[^\s<>()"]+')


def load(path):
    with open(path, "rb") as f:
        raw = f.read()
    is_gz = raw[:2] == b"\x1f\x8b"
    data = gzip.decompress(raw) if is_gz else raw
    return raw, data, is_gz


def strip_cr(line):
    return line[:-1] if line.endswith(b"\r") else line


def text(b):
    try:
        return b.decode("utf-8")
    except UnicodeDecodeError:
        return b.decode("latin-1")


def is_envelope(lines, i):
    if not ENVELOPE_RE.match(strip_cr(lines[i])):
        return False
    return i + 1 < len(lines) and HEADER_RE.match(lines[i + 1]) is not None


def parse_headers(lines, start, end):
    """Header block of the message whose envelope is lines[start]."""
    fields = []  # [name_lower, value_bytes, first_line_no, [raw lines]]
    malformed = False
    i = start + 1
    while i < end:
        line = strip_cr(lines[i])
        if line == b"":
            break
        if line[:1] in (b" ", b"\t") and fields:
            fields[-1][1] += line
            fields[-1][3].append((i + 1, line))
        else:
            m = HEADER_RE.match(line)
            if not m:
                malformed = True
                break
            fields.append([m.group(1).lower(), line[m.end():], i + 1, [(i + 1, line)]])
        i += 1
    hdr = {}
    for name, value, lno, raw in fields:
        if name not in hdr:
            hdr[name] = (value.strip(), lno)
    return hdr, fields, malformed


def norm_mid(v):
    s = text(v).strip().lstrip("<").rstrip(">").strip().lower()
    return s


def display_name(v):
    s = text(v).strip()
    if "<" in s:
        name = s[: s.rfind("<")].strip()
        if len(name) >= 2 and name[0] == '"' and name[-1] == '"':
            name = name[1:-1]
    else:
        m = re.search(r"\((.*)\)\s*$", s)
        name = m.group(1) if m else ""
    try:
        name = str(email.header.make_header(email.header.decode_header(name)))
    except Exception:
        pass
    return name.strip()


def date_ok(s):
    if not s:
        return False
    try:
        return email.utils.parsedate_to_datetime(s) is not None
    except Exception:
        return False


class FileStats:
    def __init__(self, folder, name):
        self.folder, self.name = folder, name
        self.c = collections.Counter()
        self.keys = collections.Counter()
        self.ex = collections.defaultdict(list)  # trap -> examples
        self.size = 0
        self.mids_case = set()
        self.envelopes = []


def ex(st, trap, msg, limit=5):
    st.ex[trap].append(msg)


def analyse(path, folder, rel):
    st = FileStats(folder, rel)
    raw, data, is_gz = load(path)
    st.size = len(data)
    st.is_gz = is_gz
    st.c["bytes_uncompressed"] = len(data)
    name_gz = rel.endswith(".gz")
    if name_gz and not is_gz:
        st.c["gz_name_not_gzip"] = 1
    if is_gz and not name_gz:
        st.c["gzip_without_gz_name"] = 1
    lines = data.split(b"\n")
    if lines and lines[-1] == b"":
        lines.pop()
    envs = []
    for i, line in enumerate(lines):
        if not line.startswith(b"From "):
            continue
        st.c["lines_From_space"] += 1
        if ENVELOPE_RE.match(strip_cr(line)):
            if is_envelope(lines, i):
                envs.append(i)
            else:
                st.c["envelope_shape_without_headers"] += 1
                ex(st, "envelope_shape_without_headers", f"{rel}:{i+1}: {text(line)!r}")
        else:
            st.c["body_From_lines"] += 1
            ex(st, "body_From_line", f"{rel}:{i+1}: {text(line)[:70]!r}")
    st.c["quoted_>From_lines"] = sum(1 for l in lines if re.match(rb"^>+From ", l))
    st.c["messages"] = len(envs)
    for k, i in enumerate(envs):
        # what precedes the envelope
        if i == 0:
            st.c["env_prev_none"] += 1
        else:
            prev = strip_cr(lines[i - 1])
            if prev == b"":
                st.c["env_prev_empty"] += 1
            elif prev.strip() == b"":
                st.c["env_prev_whitespace_only"] += 1
                ex(st, "env_after_whitespace_only", f"{rel}:{i+1} (prev {text(prev)[:60]!r})")
            elif URL_RE.match(prev):
                st.c["env_prev_URL"] += 1
                st.c["env_prev_URL_" + ("'Url :'" if prev.startswith(b"Url :") else "'URL:'" if prev.startswith(b"URL:") else "other_case")] += 1
                ex(st, "env_after_URL", f"{rel}:{i+1} (prev {text(prev)[:60]!r})")
            else:
                st.c["env_prev_other_nonblank"] += 1
                ex(st, "env_after_other_nonblank", f"{rel}:{i+1} (prev {text(prev)[:60]!r})")
        end = envs[k + 1] if k + 1 < len(envs) else len(lines)
        env_line = strip_cr(lines[i])
        try:
            env_line.decode("utf-8")
        except UnicodeDecodeError:
            st.c["envelope_line_not_utf8"] += 1
            ex(st, "envelope_not_utf8", f"{rel}:{i+1}: {env_line!r}")
        if re.search(rb"[\x80-\xff]", env_line):
            st.c["envelope_line_non_ascii"] += 1
            ex(st, "envelope_non_ascii", f"{rel}:{i+1}: {env_line!r}")
        hdr, fields, malformed = parse_headers(lines, i, end)
        if malformed:
            st.c["malformed_header_line"] += 1
            ex(st, "malformed_header_line", f"{rel}:{i+1}")
        lno = i + 1

        # R8 header bytes
        bad = None
        nonascii = False
        for _, _, _, rawlines in fields:
            for ln, rl in rawlines:
                if re.search(rb"[\x80-\xff]", rl):
                    nonascii = True
                try:
                    rl.decode("utf-8")
                except UnicodeDecodeError as e:
                    if bad is None:
                        bad = (ln, rl, e)
        if nonascii:
            st.c["header_non_ascii_bytes"] += 1
        if bad:
            ln, rl, e = bad
            st.c["header_not_utf8"] += 1
            ex(st, "header_not_utf8", f"{rel}:{ln}: {rl[max(0, e.start-25):e.end+25]!r}")

        # R5 message-id
        mid = hdr.get(b"message-id")
        from_v = hdr.get(b"from", (b"", 0))[0]
        date_v = hdr.get(b"date", (b"", 0))[0]
        subj_v = hdr.get(b"subject", (b"", 0))[0]
        n = norm_mid(mid[0]) if mid else ""
        if mid is None:
            st.c["message_id_absent"] += 1
            ex(st, "message_id_absent", f"{rel}:{lno}")
        elif not n:
            st.c["message_id_empty"] += 1
            ex(st, "message_id_empty", f"{rel}:{mid[1]}")
        if n:
            key = "mid:" + n
            raw_mid = text(mid[0])
            if not re.fullmatch(r"<[^<>\s]+>", raw_mid):
                st.c["message_id_unusual_form"] += 1
                ex(st, "message_id_unusual_form", f"{rel}:{mid[1]}: {raw_mid[:70]!r}")
        else:
            st.c["message_id_lacking"] += 1
            key = "fds:" + hashlib.sha1(from_v + b"\0" + date_v + b"\0" + subj_v).hexdigest()
        st.keys[key] += 1
        if n:
            st.mids_case.add(text(mid[0]).strip().lstrip("<").rstrip(">").strip())
        if st.keys[key] == 2 and "first_repeat_line" not in st.c:
            st.c["first_repeat_line"] = lno
        st.envelopes.append(env_line)

        # R6 date
        date = hdr.get(b"date")
        if date is None:
            st.c["date_missing"] += 1
            ex(st, "date_missing", f"{rel}:{lno}")
        else:
            ds = text(date[0]).strip()
            if not ds:
                st.c["date_empty"] += 1
            if not date_ok(ds):
                st.c["date_unparseable"] += 1
                ex(st, "date_unparseable", f"{rel}:{date[1]}: {ds!r}")
            else:
                dt = email.utils.parsedate_to_datetime(ds)
                if dt.tzinfo is None:
                    st.c["date_naive_no_zone"] += 1
                    ex(st, "date_naive", f"{rel}:{date[1]}: {ds!r}")
                if not (1990 <= dt.year <= 2025):
                    st.c["date_absurd_year"] += 1
                    ex(st, "date_absurd_year", f"{rel}:{date[1]}: {ds!r}")
            m = re.search(r"[+-](\d+)\s*(?:\(.*\))?$", ds)
            if m and (len(m.group(1)) != 4 or int(m.group(1)[:2]) > 14 or int(m.group(1)[2:]) >= 60):
                st.c["date_odd_offset"] += 1
                ex(st, "date_odd_offset", f"{rel}:{date[1]}: {ds!r}")
            elif re.search(r"\d{2}:\d{2}(?::\d{2})?\s+0\d{3}\b", ds):
                st.c["date_offset_without_sign"] += 1
                ex(st, "date_offset_without_sign", f"{rel}:{date[1]}: {ds!r}")
            if re.search(r"\([A-Za-z ]+\)\s*$", ds):
                st.c["date_zone_comment"] += 1
                ex(st, "date_zone_comment", f"{rel}:{date[1]}: {ds!r}")
            if CTIME_DATE_RE.fullmatch(ds):
                st.c["date_ctime_no_zone"] += 1
                ex(st, "date_ctime_no_zone", f"{rel}:{date[1]}: {ds!r}")
            elif ds and not RFC_DATE_RE.fullmatch(ds):
                st.c["date_nonstandard_form"] += 1
                ex(st, "date_nonstandard_form", f"{rel}:{date[1]}: {ds!r}")

        # R7 from
        fv = text(from_v)
        if b"from" not in hdr:
            st.c["from_missing"] += 1
        if re.search(r"\S at \S", fv):
            st.c["from_obfuscated_at"] += 1
        dn = display_name(from_v)
        if re.fullmatch(r".+ via .+", dn):
            st.c["from_via"] += 1
            rt = hdr.get(b"reply-to")
            if rt and rt[0].strip():
                st.c["from_via_with_reply_to"] += 1
            ex(st, "from_via", f"{rel}:{hdr[b'from'][1]}: {fv[:70]!r} reply-to={text(rt[0]) if rt else None!r}")

        # R9 in-reply-to
        irt = hdr.get(b"in-reply-to")
        if irt is not None:
            st.c["in_reply_to_present"] += 1
            v = text(irt[0]).strip()
            outside = re.sub(r"<[^>]*>", " ", v)
            addr = ADDR_RE.search(outside) is not None
            if not v:
                st.c["irt_empty"] += 1
                ex(st, "irt_empty", f"{rel}:{irt[1]}")
            elif "<" not in v:
                st.c["irt_no_brackets"] += 1
                if "@" in v:
                    st.c["irt_no_brackets_bare_id_or_address"] += 1
                    ex(st, "irt_no_brackets_bare_id_or_address", f"{rel}:{irt[1]}: {v[:70]!r}")
                else:
                    st.c["irt_no_brackets_no_at"] += 1
                    ex(st, "irt_no_brackets_no_at", f"{rel}:{irt[1]}: {v[:70]!r}")
            elif addr:
                st.c["irt_bracketed_plus_address_text"] += 1
                ex(st, "irt_bracketed_plus_address_text", f"{rel}:{irt[1]}: {v[:80]!r}")
            if addr:
                st.c["irt_address_like"] += 1
        st.c["distinct_keys"] = len(st.keys)
    st.c["distinct_message_ids"] = sum(1 for k in st.keys if k.startswith("mid:"))
    st.c["distinct_message_ids_case_sensitive"] = len(st.mids_case)
    st.c["duplicate_copies"] = sum(v - 1 for v in st.keys.values())
    st.c["every_message_twice"] = int(bool(st.keys) and all(v == 2 for v in st.keys.values()))
    return st, lines


def mbox_count(path, envelopes):
    """Python's mailbox.mbox on a plain file: (count, same envelope sequence?)."""
    mb = mailbox.mbox(path, create=False)
    try:
        froms = []
        for key in mb.keys():
            f = mb.get_file(key, from_=True)
            froms.append(f.readline().rstrip(b"\r\n"))
            f.close()
        return len(froms), froms == [e.rstrip(b"\r") for e in envelopes]
    finally:
        mb.close()


COUNT_COLS = [
    ("msgs", "messages"), ("distinct", "distinct_keys"), ("dist_mid", "distinct_message_ids"),
    ("no_mid", "message_id_lacking"), ("dupes", "duplicate_copies"), ("no_date", "date_missing"),
    ("bad_date", "date_unparseable"), ("from_at", "from_obfuscated_at"), ("via", "from_via"),
    ("via+RT", "from_via_with_reply_to"), ("hdr!utf8", "header_not_utf8"),
    ("prevURL", "env_prev_URL"), ("prevText", "env_prev_other_nonblank"),
    ("From_ln", "lines_From_space"),
]
SUM_COLS = [
    "messages", "lines_From_space", "body_From_lines", "envelope_shape_without_headers",
    "quoted_>From_lines", "env_prev_none", "env_prev_empty", "env_prev_whitespace_only",
    "env_prev_URL", "env_prev_URL_'Url :'", "env_prev_URL_'URL:'", "env_prev_URL_other_case",
    "env_prev_other_nonblank", "malformed_header_line",
    "message_id_absent", "message_id_empty", "message_id_lacking", "message_id_unusual_form",
    "duplicate_copies",
    "date_missing", "date_empty", "date_unparseable", "date_naive_no_zone", "date_absurd_year",
    "date_odd_offset", "date_offset_without_sign", "date_zone_comment", "date_ctime_no_zone",
    "date_nonstandard_form",
    "from_missing", "from_obfuscated_at", "from_via", "from_via_with_reply_to",
    "header_non_ascii_bytes", "header_not_utf8", "envelope_line_non_ascii", "envelope_line_not_utf8",
    "in_reply_to_present", "irt_empty", "irt_no_brackets", "irt_no_brackets_bare_id_or_address",
    "irt_no_brackets_no_at", "irt_bracketed_plus_address_text", "irt_address_like",
    "gz_name_not_gzip", "gzip_without_gz_name", "bytes_uncompressed",
]


def units(root):
    """(folder label, list of (path, rel)) in a stable order."""
    out = []
    for entry in sorted(os.listdir(root)):
        p = os.path.join(root, entry)
        if os.path.isdir(p):
            files = [(os.path.join(p, f), f"{entry}/{f}") for f in sorted(os.listdir(p))
                     if os.path.isfile(os.path.join(p, f))]
            out.append((entry, files))
        elif os.path.isfile(p) and entry.lower() != "readme.md":
            out.append((entry, [(p, entry)]))
    return out


def main(argv):
    if len(argv) != 2:
        print("usage: python3 tests/mail-corpus/count.py /work/shared/mail-corpus")
        return 2
    root = argv[1]
    grand = collections.Counter()
    print("Columns: msgs=envelopes (rule R2); distinct=dedup keys (R5); dist_mid=distinct normalised")
    print("Message-IDs; no_mid=messages lacking one; dupes=msgs-distinct; no_date=Date absent;")
    print("bad_date=unparseable by parsedate_to_datetime; from_at=obfuscated From; via=DMARC 'X via L';")
    print("via+RT=of those with Reply-To; hdr!utf8=msgs with a non-UTF-8 header line; prevURL/prevText=")
    print("envelopes right after a scrubber URL line / other non-blank line; From_ln=all lines starting")
    print("'From ' (what a naive splitter counts); mbox=mailbox.mbox count, '=' if its envelope sequence")
    print("equals ours ('-' for gzip files, which mailbox.mbox cannot read in place).")
    for folder, files in units(root):
        print("=" * 132)
        print(f"FOLDER {folder}  ({len(files)} file(s))")
        print(f"{'file':36s}" + "".join(f"{h:>9s}" for h, _ in COUNT_COLS) + f"{'mbox':>7s}")
        tot = collections.Counter()
        allkeys = collections.Counter()
        examples = collections.defaultdict(list)
        doubled = []
        partial_dups = []
        for path, rel in files:
            st, lines = analyse(path, folder, rel)
            tot.update({k: v for k, v in st.c.items() if k != "first_repeat_line"})
            allkeys.update(st.keys)
            for k, v in st.ex.items():
                examples[k].extend(v)
            if st.c["every_message_twice"]:
                doubled.append(f"{rel} ({st.c['messages']} = 2 x {st.c['distinct_keys']}, "
                               f"first repeat at line {st.c['first_repeat_line']})")
            elif st.c["duplicate_copies"]:
                partial_dups.append(f"{rel}: {st.c['duplicate_copies']} extra cop(ies), "
                                    f"first at line {st.c['first_repeat_line']}")
            if st.c["distinct_message_ids_case_sensitive"] != st.c["distinct_message_ids"]:
                examples["message_id_case_merge"].append(
                    f"{rel}: {st.c['distinct_message_ids_case_sensitive']} case-sensitive vs "
                    f"{st.c['distinct_message_ids']} lowercased")
            short = rel.split("/", 1)[-1]
            row = f"{short[:36]:36s}" + "".join(f"{st.c[c]:9d}" for _, c in COUNT_COLS)
            if st.is_gz:
                row += f"{'-':>7s}"
            else:
                n, same = mbox_count(path, st.envelopes)
                row += f"{n:6d}{'=' if same else '!'}"
            print(row)
        print("-" * 132)
        print(f"TOTALS {folder}:")
        for c in SUM_COLS:
            print(f"  {c:40s} {tot[c]}")
        print(f"  {'env after a non-blank line (URL+other)':40s} {tot['env_prev_URL'] + tot['env_prev_other_nonblank']}")
        print(f"  {'total uncompressed size (bytes)':40s} {tot['bytes_uncompressed']}")
        print(f"  {'sum of per-file distinct keys':40s} {tot['distinct_keys']}")
        print(f"  {'distinct keys (folder-wide)':40s} {len(allkeys)}")
        print(f"  {'distinct Message-IDs (folder-wide)':40s} {sum(1 for k in allkeys if k.startswith('mid:'))}")
        print(f"  {'keys from From/Date/Subject hash':40s} {sum(1 for k in allkeys if k.startswith('fds:'))}")
        print(f"  {'files with every message twice':40s} {doubled}")
        print(f"  {'files with some duplicates':40s} {partial_dups}")
        for trap in sorted(examples):
            exs = examples[trap]
            print(f"  examples[{trap}] ({len(exs)}):")
            for e in exs[:8]:
                print(f"      {e}")
        grand["messages"] += tot["messages"]
        grand["distinct"] += len(allkeys)
    print("=" * 132)
    print(f"ALL: messages {grand['messages']}, distinct keys (per-folder union, summed) {grand['distinct']}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

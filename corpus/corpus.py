#!/usr/bin/env python3
"""LeakGuard corpus runner and compile-time benchmark (standard library only).

  corpus.py run   [--slice] [--libs a,b] [--jobs N] [--with-defaults]   compile the corpus, record findings
  corpus.py bench [--rounds N] [--libs a,b]                            CPU/peak-memory benchmark -> BENCHMARKS.md
  corpus.py daemon [--repeat N] [--lib NAME]                           N compilations in one JVM, heap after GC
  corpus.py warm [--rounds N] [--warmup W]                             the benchmark in one warm JVM (daemon cost)
  corpus.py prepare [--libs a,b]                                       only download and unpack the corpus
  corpus.py show [--check C] [--untriaged]                             findings with the code around them
  corpus.py triage                                                     verdicts (triage.tsv) -> precision per check
  corpus.py docs                                                       fill docs/corpus.md's tables from corpus/results

See docs/corpus.md. Everything downloaded lives in corpus/work/ (git-ignored); only Maven Central is used.
"""

import argparse
import concurrent.futures
import fnmatch
import json
import os
import platform
import random
import re
import shutil
import statistics
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

CORPUS = Path(__file__).resolve().parent
ROOT = CORPUS.parent
WORK = CORPUS / "work"
LIBS_DIR = WORK / "libs"
HARNESS_SRC = CORPUS / "harness" / "src"
HARNESS_OUT = WORK / "harness-classes"
# Overridable per invocation (--errorprone-version, --java-home): the same checks jar must work on
# newer Error Prone releases, which need a newer JDK.
TOOLCHAIN = {"errorprone": None, "java_home": None}
DEPENDENCY_PLUGIN = "org.apache.maven.plugins:maven-dependency-plugin:3.8.1"
HELP_PLUGIN = "org.apache.maven.plugins:maven-help-plugin:3.5.1"
POM_NS = "{http://maven.apache.org/POM/4.0.0}"
# Exit codes of `run`.
EXIT_CRASH = 3
EXIT_NOT_COMPILED = 2


def log(msg):
    print(f"[corpus {time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


def sh(cmd, cwd=None, capture=False, check=True):
    result = subprocess.run(cmd, cwd=cwd, text=True,
                            stdout=subprocess.PIPE if capture else subprocess.DEVNULL,
                            stderr=subprocess.PIPE)
    if check and result.returncode != 0:
        raise RuntimeError(f"command failed ({result.returncode}): {' '.join(map(str, cmd))}\n"
                           f"{(result.stdout or '')[-3000:]}\n{result.stderr[-3000:]}")
    return result


def mvn(*args, pom=None):
    cmd = ["mvn", "-q", "-B"]
    if pom is not None:
        cmd += ["-f", str(pom)]
    return sh(cmd + list(args), capture=True)


# --------------------------------------------------------------------------------------------------
# Toolchain: Error Prone classpath, the checks jar, the compile driver, the check names.
# --------------------------------------------------------------------------------------------------

def jvm_flags():
    """The --add-exports/--add-opens Error Prone needs, from the one place the build keeps them."""
    return [line.strip() for line in (ROOT / ".mvn" / "jvm.config").read_text().splitlines() if line.strip()]


def tool(name):
    """java or javac of the selected JDK (default: the one on PATH)."""
    home = TOOLCHAIN["java_home"]
    return str(Path(home) / "bin" / name) if home else name


def errorprone_classpath():
    WORK.mkdir(parents=True, exist_ok=True)
    version = TOOLCHAIN["errorprone"]
    cp_file = WORK / (f"errorprone-{version}.classpath" if version else "errorprone.classpath")
    if not cp_file.exists() or cp_file.stat().st_mtime < (CORPUS / "pom.xml").stat().st_mtime:
        log(f"resolving the Error Prone toolchain (corpus/pom.xml{', ' + version if version else ''})")
        extra = [f"-Derrorprone.version={version}"] if version else []
        mvn(f"{DEPENDENCY_PLUGIN}:build-classpath", f"-Dmdep.outputFile={cp_file}", *extra, pom=CORPUS / "pom.xml")
    return cp_file.read_text().strip()


def errorprone_version():
    cp = errorprone_classpath()
    m = re.search(r"error_prone_core-([0-9][^/]*?)\.jar", cp)
    return m.group(1) if m else "unknown"


def checks_jar(build, override=None):
    if override:
        return Path(override).resolve()
    target = ROOT / "checks" / "target"
    def find():
        jars = [p for p in target.glob("leakguard-checks-*.jar")
                if not re.search(r"-(sources|javadoc|tests)\.jar$", p.name)]
        return max(jars, key=lambda p: p.stat().st_mtime) if jars else None
    jar = find()
    if jar is None or build:
        log("building the checks jar (mvn -pl checks -am package -DskipTests)")
        sh(["mvn", "-q", "-B", "-f", str(ROOT / "pom.xml"), "-pl", "checks", "-am", "package", "-DskipTests"],
           capture=True)
        jar = find()
    if jar is None:
        raise RuntimeError("no checks jar in checks/target")
    return jar


def harness():
    sources = sorted(HARNESS_SRC.rglob("*.java"))
    stamp = HARNESS_OUT / ".stamp"
    newest = max(p.stat().st_mtime for p in sources)
    if not stamp.exists() or stamp.stat().st_mtime < newest:
        if HARNESS_OUT.exists():
            shutil.rmtree(HARNESS_OUT)
        HARNESS_OUT.mkdir(parents=True)
        exports = [f for f in jvm_flags() if f.startswith("--add-exports")]
        sh(["javac", *exports, "-d", str(HARNESS_OUT), *map(str, sources)], capture=True)
        stamp.touch()
    return HARNESS_OUT


def leakguard_checks(jar):
    out = sh([tool("java"), "-cp", str(harness()), "dev.leakguard.corpus.ListChecks", str(jar), errorprone_classpath()],
             capture=True).stdout
    return [line.strip() for line in out.splitlines() if line.strip()]


# --------------------------------------------------------------------------------------------------
# Corpus libraries: download sources and dependencies, count lines.
# --------------------------------------------------------------------------------------------------

class Library:
    def __init__(self, name, coords, slice_, bench, exclude):
        self.name, self.coords = name, coords
        self.group, self.artifact, self.version = coords.split(":")
        self.slice, self.bench = slice_ == "y", bench == "y"
        self.exclude = [] if exclude == "-" else exclude.split(",")
        self.dir = LIBS_DIR / name
        self.src = self.dir / "src"

    def classpath(self):
        return (self.dir / "classpath.txt").read_text().strip()

    def sources_file(self):
        return self.dir / "sources.txt"

    def sources(self):
        return [l for l in self.sources_file().read_text().splitlines() if l]

    def loc(self):
        return json.loads((self.dir / "loc.json").read_text())


def load_libraries():
    libs = []
    for line in (CORPUS / "libraries.tsv").read_text().splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        libs.append(Library(*line.split("\t")[:5]))
    return libs


def select(libs, names=None, slice_=False, bench=False):
    if names:
        wanted = names.split(",")
        unknown = set(wanted) - {l.name for l in libs}
        if unknown:
            raise SystemExit(f"unknown libraries: {', '.join(sorted(unknown))}")
        return [l for l in libs if l.name in wanted]
    if slice_:
        return [l for l in libs if l.slice]
    if bench:
        return [l for l in libs if l.bench]
    return libs


def dependency_xml(dep):
    """Copies one <dependency> of the library's effective pom into the generated pom: every scope a
    compilation of the library sees (compile, provided, runtime; optional ones too), never test."""
    get = lambda tag: (dep.findtext(POM_NS + tag) or "").strip()
    scope = get("scope") or "compile"
    if scope in ("test", "system", "import") or get("type") not in ("", "jar", "bundle"):
        return None
    if any("${" in get(t) for t in ("groupId", "artifactId", "version", "classifier")):
        return None  # a build-time property (e.g. ${os.detected.classifier}): native code, not for javac
    parts = [f"<groupId>{get('groupId')}</groupId>", f"<artifactId>{get('artifactId')}</artifactId>",
             f"<version>{get('version')}</version>"]
    if get("classifier"):
        parts.append(f"<classifier>{get('classifier')}</classifier>")
    exclusions = dep.find(POM_NS + "exclusions")
    if exclusions is not None:
        items = "".join(
            f"<exclusion><groupId>{(e.findtext(POM_NS + 'groupId') or '').strip()}</groupId>"
            f"<artifactId>{(e.findtext(POM_NS + 'artifactId') or '').strip()}</artifactId></exclusion>"
            for e in exclusions.findall(POM_NS + "exclusion"))
        parts.append(f"<exclusions>{items}</exclusions>")
    return "<dependency>" + "".join(parts) + "</dependency>"


def generated_pom(lib, deps):
    body = "\n    ".join(
        [f"<dependency><groupId>{lib.group}</groupId><artifactId>{lib.artifact}</artifactId>"
         f"<version>{lib.version}</version></dependency>"] + deps)
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<!-- Generated by corpus/corpus.py: {lib.coords} with all the dependencies its own pom declares
     (optional and provided ones too), so its sources compile. -->
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>dev.leakguard.corpus</groupId>
  <artifactId>{lib.name}</artifactId>
  <version>1</version>
  <packaging>pom</packaging>
  <dependencies>
    {body}
  </dependencies>
</project>
"""


def count_lines(path):
    """Physical lines, and code lines (neither blank nor only comment)."""
    total = code = 0
    in_block = False
    for raw in path.read_text(encoding="utf-8", errors="replace").splitlines():
        total += 1
        line = raw.strip()
        has_code = False
        i = 0
        while i < len(line):
            if in_block:
                end = line.find("*/", i)
                if end < 0:
                    break
                in_block, i = False, end + 2
            elif line.startswith("//", i):
                break
            elif line.startswith("/*", i):
                in_block, i = True, i + 2
            else:
                if not line[i].isspace():
                    has_code = True
                i += 1
        code += has_code
    return total, code


def prepare(lib):
    marker = lib.dir / "ready"
    if marker.exists():
        return
    if lib.dir.exists():
        shutil.rmtree(lib.dir)
    lib.dir.mkdir(parents=True)
    log(f"{lib.name}: resolving {lib.coords}")
    effective = lib.dir / "effective-pom.xml"
    mvn(f"{HELP_PLUGIN}:effective-pom", f"-Dartifact={lib.coords}", f"-Doutput={effective}",
        pom=CORPUS / "pom.xml")
    project = ET.parse(effective).getroot()
    if project.tag != POM_NS + "project":  # several projects: take the first
        project = project.find(POM_NS + "project")
    deps_node = project.find(POM_NS + "dependencies")
    deps = [d for d in (dependency_xml(x) for x in (deps_node if deps_node is not None else [])) if d]
    pom = lib.dir / "pom.xml"
    for _ in range(4):
        pom.write_text(generated_pom(lib, deps))
        try:
            mvn(f"{DEPENDENCY_PLUGIN}:build-classpath", f"-Dmdep.outputFile={lib.dir / 'classpath.txt'}",
                "-Dmdep.includeScope=runtime", pom=pom)
            break
        except RuntimeError as e:
            # An optional dependency that is not on Central: leave that one out and try again.
            missing = set(re.findall(r"([\w.-]+):([\w.-]+):[\w.-]+(?::[\w.${}-]+)?:[\w.-]+ (?:was not found|"
                                     r"could not be resolved)", str(e)))
            missing |= set(re.findall(r"artifacts could not be resolved: ([^\n]*)", str(e)))
            kept = [d for d in deps if not any(f"<groupId>{g}</groupId><artifactId>{a}</artifactId>" in d
                                               for g, a in [m for m in missing if isinstance(m, tuple)])]
            if len(kept) == len(deps):
                log(f"{lib.name}: full dependency set did not resolve, using the library's published "
                    f"dependencies only ({str(e).splitlines()[0][:200]})")
                deps = []
            else:
                log(f"{lib.name}: leaving out {len(deps) - len(kept)} dependency(ies) not found on Central")
                deps = kept
    # includeScope=runtime gives compile+runtime; provided deps are declared as compile above.
    mvn(f"{DEPENDENCY_PLUGIN}:copy", f"-Dartifact={lib.coords}:jar:sources", f"-DoutputDirectory={lib.dir}",
        pom=pom)
    jar = lib.dir / f"{lib.artifact}-{lib.version}-sources.jar"
    with zipfile.ZipFile(jar) as z:
        z.extractall(lib.src)
    files, lines, code = [], 0, 0
    for p in sorted(lib.src.rglob("*.java")):
        rel = p.relative_to(lib.src).as_posix()
        if rel.startswith("META-INF/") or p.name == "module-info.java":
            continue  # multi-release variants and the module descriptor: compiled on the class path
        if any(fnmatch.fnmatch(rel, g) for g in lib.exclude):
            continue
        t, c = count_lines(p)
        files.append(str(p))
        lines += t
        code += c
    lib.sources_file().write_text("\n".join(files) + "\n")
    (lib.dir / "loc.json").write_text(json.dumps({"files": len(files), "lines": lines, "code_lines": code}))
    marker.touch()


# --------------------------------------------------------------------------------------------------
# Compiling with the driver (run and daemon modes).
# --------------------------------------------------------------------------------------------------

def javac_options(lib, processorpath, plugin_args, classes_dir):
    # No -Xlint:none and no -nowarn: on JDK 17 they also silence Error Prone's warnings.
    empty = WORK / "empty-sourcepath"
    empty.mkdir(parents=True, exist_ok=True)
    return ["-d", str(classes_dir), "-cp", lib.classpath(), "-sourcepath", str(empty),
            "-proc:none", "-encoding", "UTF-8", "-g", "-Xmaxerrs", "100000",
            "-Xmaxwarns", "10000000", "-XDcompilePolicy=simple", "--should-stop=ifError=FLOW"] + (
        # processorpath None: Error Prone is the compiler itself (shared-loader mode), flags passed plainly.
        list(plugin_args) if processorpath is None
        else ["-processorpath", processorpath, "-Xplugin:ErrorProne " + " ".join(plugin_args)])


def plugin_args_for(checks, with_defaults, extra=()):
    args = [] if with_defaults else ["-XepDisableAllChecks"]
    args += ["-XepAllErrorsAsWarnings"] if with_defaults else []
    args += [f"-Xep:{c}:WARN" for c in checks]
    return args + list(extra)


def read_jsonl(path):
    if not path.exists():
        return []
    return [json.loads(l) for l in path.read_text().splitlines() if l.strip()]


def compile_library(lib, jar, checks, out_root, with_defaults, heap="3g", max_retries=4):
    """Compiles one library; drops files javac cannot compile and, after a crash, excludes the file
    the crash happened in from analysis and tries again, so one crash hides no other finding."""
    out = out_root / "libs" / lib.name
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    processorpath = errorprone_classpath() + os.pathsep + str(jar)
    sources = lib.sources()
    dropped, excluded_from_analysis, disabled_after_crash, crashes, drop_errors = [], [], [], [], []
    start = time.time()
    attempts = 0
    while True:
        attempts += 1
        attempt_dir = out / "attempt"
        if attempt_dir.exists():
            shutil.rmtree(attempt_dir)
        classes = WORK / "classes" / lib.name
        if classes.exists():
            shutil.rmtree(classes)
        classes.mkdir(parents=True)
        argfile = out / "sources.txt"
        argfile.write_text("\n".join(sources) + "\n")
        extra = []
        if excluded_from_analysis:
            pattern = ".*(" + "|".join(re.escape(str(lib.src / f)) for f in excluded_from_analysis) + ")$"
            extra.append(f"-XepExcludedPaths:{pattern}")
        extra += [f"-Xep:{c}:OFF" for c in disabled_after_crash]
        opts = javac_options(lib, processorpath, plugin_args_for(checks, with_defaults, extra), classes)
        cmd = [tool("java"), f"-Xmx{heap}", "-Xss4m", *jvm_flags(), "-cp", str(harness()),
               "dev.leakguard.corpus.CompileDriver", "--library", lib.name, "--source-root", str(lib.src),
               "--out", str(attempt_dir), "--", *opts, f"@{argfile}"]
        proc = subprocess.run(cmd, text=True, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        (out / "driver.log").write_text(proc.stdout)
        new_crashes = read_jsonl(attempt_dir / "crashes.jsonl")
        errors = read_jsonl(attempt_dir / "errors.jsonl")
        crashes += new_crashes
        if new_crashes and attempts <= max_retries and any(c["file"] for c in new_crashes):
            excluded_from_analysis += sorted({c["file"] for c in new_crashes if c["file"]})
            # A check that keeps crashing is switched off, so the other checks still see the whole library.
            crash_counts = {}
            for c in crashes:
                crash_counts[c["check"]] = crash_counts.get(c["check"], 0) + 1
            for check, n in crash_counts.items():
                if n >= 2 and check not in disabled_after_crash:
                    disabled_after_crash.append(check)
            log(f"{lib.name}: crash in {', '.join(sorted({c['check'] for c in new_crashes}))}; retrying without "
                f"analysing {len(excluded_from_analysis)} file(s)"
                + (f", with {', '.join(disabled_after_crash)} off" if disabled_after_crash else ""))
            continue
        if errors and not new_crashes and attempts <= max_retries:
            bad = sorted({e["file"] for e in errors if e["file"]})
            if bad and len(bad) <= max(10, len(sources) // 20):
                log(f"{lib.name}: javac errors in {len(bad)} file(s); dropping them (the library's own jar "
                    f"on the class path supplies their classes)")
                dropped += bad
                drop_errors += errors[:20]
                sources = [s for s in sources if os.path.relpath(s, lib.src) not in set(bad)]
                continue
        break
    for name in ("findings.jsonl", "errors.jsonl", "javac.log", "timings.json"):
        if (attempt_dir / name).exists():
            shutil.move(str(attempt_dir / name), str(out / name))
    shutil.rmtree(attempt_dir, ignore_errors=True)
    (out / "crashes.jsonl").write_text("".join(json.dumps(c) + "\n" for c in crashes))
    timings = json.loads((out / "timings.json").read_text()) if (out / "timings.json").exists() else {}
    findings = read_jsonl(out / "findings.jsonl")
    final_errors = read_jsonl(out / "errors.jsonl")
    compiled = proc.returncode == 0 and not final_errors
    loc = lib.loc()
    dropped_lines = sum(count_lines(lib.src / f)[0] for f in dropped)
    status = {
        "library": lib.name, "coordinates": lib.coords, "compiled": compiled,
        "status": "compiled" if compiled else ("crashed" if crashes else "failed"),
        "exit_code": proc.returncode, "attempts": attempts, "seconds": round(time.time() - start, 1),
        "files": loc["files"] - len(dropped), "lines": loc["lines"] - dropped_lines,
        "code_lines": loc["code_lines"], "dropped_files": dropped, "dropped_because": drop_errors,
        "excluded_after_crash": excluded_from_analysis, "disabled_after_crash": disabled_after_crash,
        "crashes": len(crashes),
        "findings": len(findings), "javac_errors": final_errors[:20],
        "check_ms": timings.get("check_ms", {}),
    }
    (out / "status.json").write_text(json.dumps(status, indent=2) + "\n")
    log(f"{lib.name}: {status['status']} in {status['seconds']}s, {len(findings)} finding(s), "
        f"{len(crashes)} crash(es)")
    return status


CANARY = CORPUS / "canary"
EXIT_CANARY = 4


def run_canary(jar, checks, out_root):
    """Compiles corpus/canary with the corpus flags; returns the expected findings that are missing
    (only for checks the jar has). Guards against a pipeline that silently reports nothing."""
    src = CANARY / "src"
    out = out_root / "canary"
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    classes = WORK / "classes" / "canary"
    shutil.rmtree(classes, ignore_errors=True)
    classes.mkdir(parents=True)
    sources = out / "sources.txt"
    sources.write_text("".join(f"{p}\n" for p in sorted(src.rglob("*.java"))))
    empty = WORK / "empty-sourcepath"
    empty.mkdir(parents=True, exist_ok=True)
    opts = ["-d", str(classes), "-sourcepath", str(empty), "-proc:none", "-encoding", "UTF-8",
            "-XDcompilePolicy=simple", "--should-stop=ifError=FLOW",
            "-processorpath", errorprone_classpath() + os.pathsep + str(jar),
            "-Xplugin:ErrorProne " + " ".join(plugin_args_for(checks, False))]
    subprocess.run([tool("java"), *jvm_flags(), "-cp", str(harness()), "dev.leakguard.corpus.CompileDriver",
                    "--library", "canary", "--source-root", str(src), "--out", str(out), "--", *opts,
                    f"@{sources}"], text=True, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    found = {(int(f["line"]), f["check"]) for f in read_jsonl(out / "findings.jsonl")}
    missing = []
    for line in (CANARY / "expected.tsv").read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            lineno, check = line.split("\t")[:2]
            if check in checks and (int(lineno), check) not in found:
                missing.append(f"{check} at Canary.java:{lineno}")
    return missing, len(found)


def summary_markdown(statuses, checks, title):
    ordered = sorted(statuses, key=lambda s: s["library"])
    lines = [f"# {title}", "",
             f"Checks enabled: {', '.join(checks) if checks else '(none registered in the checks jar)'}", "",
             "| Library | Coordinates | Files | Lines | Status | Seconds | Crashes | "
             + " | ".join(checks) + (" | " if checks else "") + "Total |",
             "|---|---|---:|---:|---|---:|---:|" + "---:|" * len(checks) + "---:|"]
    totals = {c: 0 for c in checks}
    for s in ordered:
        per = {c: 0 for c in checks}
        for f in read_jsonl(Path(s["_out"]) / "findings.jsonl"):
            per[f["check"]] = per.get(f["check"], 0) + 1
        for c in checks:
            totals[c] += per[c]
        lines.append(f"| {s['library']} | `{s['coordinates']}` | {s['files']} | {s['lines']:,} | {s['status']} | "
                     f"{s['seconds']} | {s['crashes']} | " + " | ".join(str(per[c]) for c in checks)
                     + (" | " if checks else "") + f"{s['findings']} |")
    lines.append(f"| **total** | | {sum(s['files'] for s in ordered)} | {sum(s['lines'] for s in ordered):,} | "
                 f"{sum(s['compiled'] for s in ordered)}/{len(ordered)} compiled | "
                 f"{round(sum(s['seconds'] for s in ordered), 1)} | {sum(s['crashes'] for s in ordered)} | "
                 + " | ".join(str(totals[c]) for c in checks) + (" | " if checks else "")
                 + f"{sum(s['findings'] for s in ordered)} |")
    # Per-check analysis time (Error Prone's own timers) summed over the corpus.
    ms = {}
    for s in ordered:
        for c, v in s["check_ms"].items():
            ms[c] = ms.get(c, 0) + v
    if ms:
        lines += ["", "Analysis time per check (Error Prone's `ErrorProneTimings`, summed over the libraries):", "",
                  "| Check | ms |", "|---|---:|"]
        lines += [f"| {c} | {v} |" for c, v in sorted(ms.items(), key=lambda kv: -kv[1])]
    problems = [s for s in ordered if not s["compiled"] or s["dropped_files"] or s["excluded_after_crash"]]
    if problems:
        lines += ["", "Notes:", ""]
        for s in problems:
            if s["dropped_files"]:
                lines.append(f"- {s['library']}: {len(s['dropped_files'])} file(s) left out because javac could not "
                             f"compile them: {', '.join(s['dropped_files'][:5])}")
            if s["excluded_after_crash"]:
                lines.append(f"- {s['library']}: not analysed after a crash: {', '.join(s['excluded_after_crash'])}")
            if s.get("disabled_after_crash"):
                lines.append(f"- {s['library']}: switched off after repeated crashes: "
                             f"{', '.join(s['disabled_after_crash'])}")
            if not s["compiled"] and s["javac_errors"]:
                e = s["javac_errors"][0]
                lines.append(f"- {s['library']}: did not compile: {e['file']}:{e['line']}: "
                             f"{e['message'].splitlines()[0]}")
    return "\n".join(lines) + "\n"


def cmd_run(args):
    libs = select(load_libraries(), args.libs, slice_=args.slice)
    # Only the full run writes the committed corpus/results; a slice or a partial run goes to corpus/work.
    out_root = Path(args.out) if args.out else (
        WORK / "results-slice" if args.slice else WORK / "results-partial" if args.libs else CORPUS / "results")
    jar = checks_jar(args.build, args.checks_jar)
    checks = leakguard_checks(jar)
    log(f"checks jar {jar.name}: {len(checks)} check(s): {', '.join(checks) or '-'}")
    log(f"Error Prone {errorprone_version()}; libraries: {', '.join(l.name for l in libs)}")
    start = time.time()
    with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:  # downloads are I/O bound
        list(pool.map(prepare, libs))
    log(f"corpus ready in {time.time() - start:.0f}s: {sum(l.loc()['lines'] for l in libs):,} lines")
    if out_root.exists():
        shutil.rmtree(out_root)
    out_root.mkdir(parents=True)
    missing, canary_findings = run_canary(jar, checks, out_root)
    if missing:
        log(f"FAIL: the canary (corpus/canary) did not get these expected findings: {', '.join(missing)}; "
            f"the pipeline is not reporting, so a clean corpus would mean nothing (see {out_root / 'canary'})")
        return EXIT_CANARY
    log(f"canary: {canary_findings} finding(s), every expected one present")
    compile_start = time.time()
    # Largest first, so the long pole starts early.
    ordered = sorted(libs, key=lambda l: -l.loc()["lines"])
    with concurrent.futures.ThreadPoolExecutor(max_workers=args.jobs) as pool:
        statuses = list(pool.map(
            lambda l: compile_library(l, jar, checks, out_root, args.with_defaults, heap=args.heap), ordered))
    for s in statuses:
        s["_out"] = str(out_root / "libs" / s["library"])
    with open(out_root / "findings.jsonl", "w") as f:
        for s in sorted(statuses, key=lambda s: s["library"]):
            for finding in read_jsonl(Path(s["_out"]) / "findings.jsonl"):
                f.write(json.dumps(finding) + "\n")
    with open(out_root / "crashes.jsonl", "w") as f:
        for s in sorted(statuses, key=lambda s: s["library"]):
            for crash in read_jsonl(Path(s["_out"]) / "crashes.jsonl"):
                f.write(json.dumps(crash) + "\n")
    title = "LeakGuard corpus run" + (" (slice)" if args.slice else "")
    md = summary_markdown(statuses, checks, title)
    md += (f"\nRun: {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, Error Prone {errorprone_version()}, "
           f"{jar.name}, {args.jobs} parallel compilation(s), compile wall time {time.time() - compile_start:.0f}s.\n")
    (out_root / "summary.md").write_text(md)
    with open(out_root / "status.json", "w") as f:
        json.dump([{k: v for k, v in s.items() if k != "_out"} for s in statuses], f, indent=2)
    print(md)
    crashes = sum(s["crashes"] for s in statuses)
    failed = [s["library"] for s in statuses if not s["compiled"]]
    log(f"results in {out_root}: {sum(s['findings'] for s in statuses)} finding(s), {crashes} crash(es), "
        f"not compiled: {', '.join(failed) or 'none'}")
    if crashes:
        log("FAIL: a LeakGuard check crashed (see crashes.jsonl)")
        return EXIT_CRASH
    if failed and not args.allow_failures:
        log("FAIL: a library did not compile, so the run could not check it for crashes")
        return EXIT_NOT_COMPILED
    return 0


# --------------------------------------------------------------------------------------------------
# Benchmark: plain javac processes, CPU time and peak RSS from wait4().
# --------------------------------------------------------------------------------------------------

# The three configurations of the issue, plus LeakGuard alone on top of Error Prone with its own checks
# off, which measures the "at most 8% over Error Prone with its checks disabled" target directly.
CONFIGS = ("ep-disabled", "ep-default", "ep-default+leakguard", "ep-disabled+leakguard")


def bench_command(lib, config, checks, jar, classes_dir, heap):
    ep = errorprone_classpath()
    # Library code may trip a default ERROR check; -XepAllErrorsAsWarnings keeps every build green so
    # all configurations do the same work. The checks jar is on the processor path only where used.
    if config == "ep-disabled":
        processorpath, plugin = ep, ["-XepDisableAllChecks"]
    elif config == "ep-default":
        processorpath, plugin = ep, ["-XepAllErrorsAsWarnings"]
    elif config == "ep-default+leakguard":
        processorpath = ep + os.pathsep + str(jar)
        plugin = ["-XepAllErrorsAsWarnings"] + [f"-Xep:{c}:WARN" for c in checks]
    elif config.startswith("ep-disabled+builtin:"):
        # One cheap built-in check: what making Error Prone scan at all costs, before any LeakGuard check.
        processorpath = ep
        plugin = ["-XepDisableAllChecks", f"-Xep:{config.split(':', 1)[1]}:WARN"]
    else:
        processorpath = ep + os.pathsep + str(jar)
        plugin = ["-XepDisableAllChecks"] + [f"-Xep:{c}:WARN" for c in checks]
    opts = javac_options(lib, processorpath, plugin, classes_dir)
    argfile = WORK / "bench" / f"{lib.name}-{config}.args"
    argfile.parent.mkdir(parents=True, exist_ok=True)
    quote = lambda a: '"' + a.replace("\\", "\\\\").replace('"', '\\"') + '"'
    argfile.write_text("\n".join(quote(a) for a in opts + lib.sources()) + "\n")
    # Fixed heap and the serial collector: GC work and resident memory then depend on what the
    # compilation retains, not on adaptive sizing and GC-thread scheduling, which vary run to run.
    return [tool("javac"), f"-J-Xms{heap}", f"-J-Xmx{heap}", "-J-XX:+UseSerialGC", "-J-Xss4m",
            *[f"-J{f}" for f in jvm_flags()], f"@{argfile}"]


def measure(cmd, log_path):
    load = os.getloadavg()[0]
    with open(log_path, "w") as out:
        start = time.time()
        proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
    return {"cpu": usage.ru_utime + usage.ru_stime, "user": usage.ru_utime, "sys": usage.ru_stime,
            "wall": time.time() - start, "maxrss_mb": usage.ru_maxrss / 1024.0, "exit": proc.returncode,
            "loadavg_before": load}


def machine_info():
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = "unknown"
    try:
        kb = int(re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text()).group(1))
        mem = f"{kb / 1048576:.1f} GiB"
    except (OSError, AttributeError):
        pass
    java = sh([tool("java"), "-version"], capture=True).stderr.splitlines()
    return {"nproc": os.cpu_count(), "cpu": cpu, "memory": mem, "os": platform.platform(),
            "jdk": java[1].strip() if len(java) > 1 else java[0], "errorprone": errorprone_version()}


def describe(values):
    return {"median": statistics.median(values), "min": min(values), "max": max(values),
            "stdev": statistics.stdev(values) if len(values) > 1 else 0.0}


def bench_inputs(args):
    """The bench=y libraries (or --libs), downloaded, the checks jar and the check names in it."""
    libs = select(load_libraries(), args.libs, bench=True)
    jar = checks_jar(args.build, args.checks_jar)
    checks = leakguard_checks(jar)
    for lib in libs:
        prepare(lib)
    return libs, jar, checks


def cmd_bench(args):
    libs, jar, checks = bench_inputs(args)
    bench_dir = WORK / "bench"
    bench_dir.mkdir(parents=True, exist_ok=True)
    log(f"benchmark: {', '.join(l.name for l in libs)}; {args.rounds} rounds x {len(CONFIGS)} configurations; "
        f"LeakGuard checks: {', '.join(checks) or 'none'}")
    classes = WORK / "bench" / "classes"
    # One warm-up compilation of each configuration fills the page cache; not measured.
    runs = []
    rng = random.Random(args.seed)
    configs = list(CONFIGS) + ([f"ep-disabled+builtin:{args.baseline_check}"] if args.baseline_check else [])
    for rnd in range(0, args.rounds + 1):
        order = list(configs)
        rng.shuffle(order)  # interleaved, in a different order each round
        for config in order:
            total = {"cpu": 0.0, "user": 0.0, "sys": 0.0, "wall": 0.0, "maxrss_mb": 0.0}
            for lib in libs:
                if classes.exists():
                    shutil.rmtree(classes)
                classes.mkdir(parents=True)
                m = measure(bench_command(lib, config, checks, jar, classes, args.heap),
                            bench_dir / f"{lib.name}-{config}.log")
                if m["exit"] != 0:
                    raise SystemExit(f"{lib.name} did not compile in configuration {config}; see "
                                     f"{bench_dir / (lib.name + '-' + config + '.log')}")
                for k in ("cpu", "user", "sys", "wall"):
                    total[k] += m[k]
                total["maxrss_mb"] = max(total["maxrss_mb"], m["maxrss_mb"])
                runs.append({"round": rnd, "config": config, "library": lib.name, **m})
            log(f"round {rnd}{' (warm-up)' if rnd == 0 else ''} {config}: cpu {total['cpu']:.1f}s "
                f"wall {total['wall']:.1f}s peak RSS {total['maxrss_mb']:.0f} MB")
    measured = [r for r in runs if r["round"] > 0]
    per_round = {}
    for r in measured:
        key = (r["round"], r["config"])
        agg = per_round.setdefault(key, {"cpu": 0.0, "wall": 0.0, "maxrss_mb": 0.0})
        agg["cpu"] += r["cpu"]
        agg["wall"] += r["wall"]
        agg["maxrss_mb"] = max(agg["maxrss_mb"], r["maxrss_mb"])
    stats = {c: {m: describe([per_round[(rnd, c)][m] for rnd in range(1, args.rounds + 1)])
                 for m in ("cpu", "wall", "maxrss_mb")} for c in configs}
    # Paired ratios: same round, so slow phases of the machine hit both sides.
    rounds = range(1, args.rounds + 1)
    ratios = {}
    for num, den in (("ep-default+leakguard", "ep-default"), ("ep-disabled+leakguard", "ep-disabled"),
                     ("ep-default", "ep-disabled")):
        for m in ("cpu", "maxrss_mb"):
            ratios[f"{num} / {den} {m}"] = describe(
                [per_round[(rnd, num)][m] / per_round[(rnd, den)][m] for rnd in rounds])
    if args.baseline_check:
        base = f"ep-disabled+builtin:{args.baseline_check}"
        for num, den in ((base, "ep-disabled"), ("ep-disabled+leakguard", base)):
            ratios[f"{num} / {den} cpu"] = describe(
                [per_round[(rnd, num)]["cpu"] / per_round[(rnd, den)]["cpu"] for rnd in rounds])
    # What LeakGuard adds on top of the default checks, expressed against the checks-disabled build.
    ratios["(ep-default+leakguard - ep-default) / ep-disabled cpu"] = describe(
        [(per_round[(rnd, "ep-default+leakguard")]["cpu"] - per_round[(rnd, "ep-default")]["cpu"])
         / per_round[(rnd, "ep-disabled")]["cpu"] for rnd in rounds])
    result = {"machine": machine_info(), "libraries": [{"name": l.name, "coordinates": l.coords, **l.loc()}
                                                       for l in libs],
              "checks": checks, "rounds": args.rounds, "heap": args.heap, "stats": stats, "ratios": ratios, "runs": runs}
    (bench_dir / "results.json").write_text(json.dumps(result, indent=2))
    profile = profile_checks(libs, jar, checks, args.heap) if not args.no_profile else None
    result["profile"] = profile
    (bench_dir / "results.json").write_text(json.dumps(result, indent=2))
    write_benchmarks_md(result)
    log(f"wrote {ROOT / 'BENCHMARKS.md'} (raw data: {bench_dir / 'results.json'})")
    return 0


def profile_checks(libs, jar, checks, heap):
    """Per-check analysis time from Error Prone's ErrorProneTimings, default checks + LeakGuard."""
    out_root = WORK / "profile"
    totals = {}
    for lib in libs:
        out = out_root / lib.name
        classes = WORK / "classes" / ("profile-" + lib.name)
        shutil.rmtree(classes, ignore_errors=True)
        classes.mkdir(parents=True)
        opts = javac_options(lib, errorprone_classpath() + os.pathsep + str(jar),
                             ["-XepAllErrorsAsWarnings"] + [f"-Xep:{c}:WARN" for c in checks], classes)
        cmd = [tool("java"), f"-Xmx{heap}", "-Xss4m", *jvm_flags(), "-cp", str(harness()),
               "dev.leakguard.corpus.CompileDriver", "--library", lib.name, "--source-root", str(lib.src),
               "--out", str(out), "--", *opts, f"@{lib.sources_file()}"]
        sh(cmd, capture=True, check=False)
        t = json.loads((out / "timings.json").read_text())
        for c, v in t["check_ms"].items():
            totals[c] = totals.get(c, 0) + v
    return totals


def fmt(d, unit="", digits=1):
    return (f"{d['median']:.{digits}f}{unit} (min {d['min']:.{digits}f}, max {d['max']:.{digits}f}, "
            f"sd {d['stdev']:.{digits}f})")


def write_benchmarks_md(result):
    m = result["machine"]
    libs = result["libraries"]
    lines = ["# LeakGuard compile-time benchmark", "",
             "Generated by `corpus/bench.sh` (see docs/corpus.md). Numbers are for the javac process: CPU time is "
             "user+sys from `wait4()`, peak memory is its maximum resident set size.", "",
             "## Machine", "",
             f"- CPU: {m['cpu']} ({m['nproc']} cores visible)", f"- Memory: {m['memory']}",
             f"- OS: {m['os']}", f"- JDK: {m['jdk']}", f"- Error Prone: {m['errorprone']}",
             f"- javac JVM: -Xms{result.get('heap', '?')} -Xmx{result.get('heap', '?')} -XX:+UseSerialGC (fixed heap and "
             "a single-threaded collector so that GC work and resident memory follow what the compilation "
             "retains rather than adaptive sizing)",
             f"- Machine load: 1-minute load average before each measured compilation: median "
             f"{statistics.median([r.get('loadavg_before', 0) for r in result['runs']]):.1f}, max "
             f"{max([r.get('loadavg_before', 0) for r in result['runs']]):.1f} (other builds shared the machine "
             "when this ran; the paired per-round ratios below are what to read)", "",
             "## What is compiled", "",
             "| Library | Coordinates | Files | Lines |", "|---|---|---:|---:|"]
    lines += [f"| {l['name']} | `{l['coordinates']}` | {l['files']} | {l['lines']:,} |" for l in libs]
    lines += [f"| **total** | | {sum(l['files'] for l in libs)} | {sum(l['lines'] for l in libs):,} |", "",
              f"LeakGuard checks (all in the checks jar): {', '.join(result['checks']) or 'none'}.", "",
              "Configurations: `ep-disabled` = `-Xplugin:ErrorProne -XepDisableAllChecks`; `ep-default` = "
              "Error Prone's default checks; `ep-default+leakguard` = defaults + every LeakGuard check "
              "(checks jar on -processorpath); `ep-disabled+leakguard` = only the LeakGuard checks. All with "
              "`-XepAllErrorsAsWarnings -XDcompilePolicy=simple --should-stop=ifError=FLOW -proc:none`.", "",
              f"{result['rounds']} measured rounds after one warm-up round; in every round each configuration "
              "compiles every library once (a fresh javac process each), in a shuffled order. A round's number "
              "is the sum of CPU time over the libraries and the largest peak RSS among them. Shown: median "
              "(min, max, standard deviation) over the rounds.", "",
              "## Results", "",
              "| Configuration | CPU seconds | Wall seconds | Peak RSS MB |", "|---|---|---|---|"]
    for c in result["stats"]:
        s = result["stats"][c]
        lines.append(f"| {c} | {fmt(s['cpu'])} | {fmt(s['wall'])} | {fmt(s['maxrss_mb'], digits=0)} |")
    lines += ["", "Ratios, computed per round (paired) then summarised:", "",
              "| Ratio | median | min | max |", "|---|---:|---:|---:|"]
    for k, d in result["ratios"].items():
        lines.append(f"| {k} | {d['median']:.4f} | {d['min']:.4f} | {d['max']:.4f} |")
    r = result["ratios"]
    cpu_default = r["ep-default+leakguard / ep-default cpu"]["median"]
    cpu_disabled = r["ep-disabled+leakguard / ep-disabled cpu"]["median"]
    cpu_added = r["(ep-default+leakguard - ep-default) / ep-disabled cpu"]["median"]
    rss_default = r["ep-default+leakguard / ep-default maxrss_mb"]
    rss_disabled = r["ep-disabled+leakguard / ep-disabled maxrss_mb"]
    verdict = lambda ok: "met" if ok else "NOT met"

    def judged(d, limit, base=1.0):
        if d["median"] <= limit:
            return "met"
        if d["min"] <= base:
            return "not resolved: some rounds measured no overhead or less, so the spread is machine noise"
        return "NOT met in this run"
    spread = lambda d, base=1.0: f"paired range {100 * (d['min'] - base):+.1f}% … {100 * (d['max'] - base):+.1f}%"
    d_default = r["ep-default+leakguard / ep-default cpu"]
    d_disabled = r["ep-disabled+leakguard / ep-disabled cpu"]
    d_added = r["(ep-default+leakguard - ep-default) / ep-disabled cpu"]
    lines += ["", "## Targets", "",
              f"- At most +2% CPU over Error Prone's default checks: measured "
              f"{100 * (cpu_default - 1):+.2f}% (median of paired rounds; {spread(d_default)}) — "
              f"{judged(d_default, 1.02)}.",
              f"- At most +8% CPU over Error Prone with its checks disabled: LeakGuard alone on that build "
              f"{100 * (cpu_disabled - 1):+.2f}% ({spread(d_disabled)}) — {judged(d_disabled, 1.08)}; what "
              f"LeakGuard adds to the default build, measured against the disabled build: {100 * cpu_added:+.2f}% "
              f"({spread(d_added, 0.0)}) — {judged(d_added, 0.08, 0.0)}.",
              f"- No measurable peak-memory growth: peak RSS ratio {rss_default['median']:.3f} "
              f"(min {rss_default['min']:.3f}, max {rss_default['max']:.3f}) over the default build and "
              f"{rss_disabled['median']:.3f} (min {rss_disabled['min']:.3f}, max {rss_disabled['max']:.3f}) over "
              f"the disabled build; compare with the spread of each configuration above.", ""]
    prof = result.get("profile") or {}
    lg_ms = sum(prof.get(c, 0) for c in result["checks"])
    if prof:
        cpu_b = result["stats"]["ep-default"]["cpu"]["median"]
        cpu_a = result["stats"]["ep-disabled"]["cpu"]["median"]
        lines += [
            "Process CPU time on a shared machine varies by several percent between identical runs (see the "
            "min/max of the same configuration), more than the 2% to be shown. Error Prone's own per-check "
            "timers (below) measure the checks directly: LeakGuard's matchers took "
            f"{lg_ms} ms in total for these libraries, {100 * lg_ms / (cpu_b * 1000):.2f}% of the median CPU time "
            f"of the default build ({cpu_b:.1f} s) and {100 * lg_ms / (cpu_a * 1000):.2f}% of the build with "
            f"Error Prone's checks disabled ({cpu_a:.1f} s) — "
            f"{verdict(lg_ms <= 0.02 * cpu_b * 1000 and lg_ms <= 0.08 * cpu_a * 1000)} by this measure. (The "
            "timers are wall-clock time inside each check's matchers, so on a loaded machine they over- rather "
            "than under-state the cost.)", ""]
    if result.get("profile"):
        prof = result["profile"]
        total = sum(prof.values())
        lg = {c: prof.get(c, 0) for c in result["checks"]}
        lines += ["## Per-check analysis time", "",
                  "Error Prone's own per-check timers (`ErrorProneTimings`, read by corpus/harness "
                  "`CompileDriver` after one in-process compilation of the benchmark libraries with default "
                  "checks + LeakGuard).", "",
                  f"All checks together: {total} ms; LeakGuard checks: {sum(lg.values())} ms "
                  f"({100 * sum(lg.values()) / total if total else 0:.2f}% of the analysis time).", "",
                  "| Check | ms |", "|---|---:|"]
        lines += [f"| **{c}** (LeakGuard) | {v} |" for c, v in sorted(lg.items(), key=lambda kv: -kv[1])]
        lines += [f"| {c} | {v} |" for c, v in sorted(prof.items(), key=lambda kv: -kv[1])[:10]
                  if c not in lg]
        lines.append("")
    warm = WORK / "warm" / "warm.tsv"
    if warm.exists() and (warm.parent / "meta.json").exists():
        lines += warm_section(warm.parent)
    daemon = WORK / "daemon" / "heap.tsv"
    if daemon.exists():
        lines += daemon_section(daemon)
    notes = CORPUS / "bench-notes.md"
    if notes.exists():  # hand-written analysis that goes with the numbers
        lines += ["", notes.read_text().strip(), ""]
    (ROOT / "BENCHMARKS.md").write_text("\n".join(lines) + "\n")


def daemon_section(path):
    rows = [l.split("\t") for l in path.read_text().splitlines()[1:] if l.strip()]
    meta = json.loads((path.parent / "meta.json").read_text()) if (path.parent / "meta.json").exists() else {}
    how = ("Error Prone loaded by javac as a plugin from -processorpath, a new class loader per compilation"
           if meta.get("fresh_loader") else
           "Error Prone and the LeakGuard checks loaded once into ONE class loader that every compilation "
           "reuses, as a build daemon's cached compiler does, so static state in a check would survive "
           "between compilations")
    lines = ["## Repeated compilations in one JVM", "",
             f"`corpus/bench.sh --daemon` compiles {meta.get('library', 'one library')} "
             f"({meta.get('lines', '?')} lines) {len(rows)} times in one JVM (-Xmx{meta.get('heap', '?')}) through "
             f"`javax.tools` with the default checks + LeakGuard ({how}); after each compilation it runs "
             "a full GC and records the heap in use and the number of loaded classes.", "",
             "| Iteration | Result | Seconds | Heap after GC (MB) | Loaded classes |", "|---:|---|---:|---:|---:|"]
    lines += [f"| {r[0]} | {r[1]} | {r[2]} | {r[3]} | {r[4]} |" for r in rows]
    heaps = [float(r[3]) for r in rows]
    if len(heaps) >= 4:
        tail = heaps[2:]
        lines += ["", f"Heap after GC from iteration 3 on: min {min(tail):.1f} MB, max {max(tail):.1f} MB, "
                      f"last minus third {heaps[-1] - heaps[2]:+.1f} MB."]
    return lines + [""]


def cmd_daemon(args):
    lib = select(load_libraries(), args.lib)[0]
    prepare(lib)
    jar = checks_jar(args.build, args.checks_jar)
    checks = leakguard_checks(jar)
    out = WORK / "daemon"
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    classes = WORK / "classes" / "daemon"
    shutil.rmtree(classes, ignore_errors=True)
    classes.mkdir(parents=True)
    ep_flags = ["-XepAllErrorsAsWarnings"] + [f"-Xep:{c}:WARN" for c in checks]
    if args.fresh_loader:
        # javac's own plugin loading: a new class loader for Error Prone and the checks per compilation.
        opts = javac_options(lib, errorprone_classpath() + os.pathsep + str(jar), ep_flags, classes)
        mode = []
    else:
        opts = javac_options(lib, None, ep_flags, classes)
        mode = ["--shared-loader", errorprone_classpath() + os.pathsep + str(jar), "--checks-jar", str(jar)]
    cmd = [tool("java"), f"-Xmx{args.heap}", "-Xss4m", *jvm_flags(), "-cp", str(harness()),
           "dev.leakguard.corpus.CompileDriver", "--library", lib.name, "--source-root", str(lib.src),
           "--out", str(out), "--repeat", str(args.repeat), *mode, "--", *opts, f"@{lib.sources_file()}"]
    log(f"daemon: compiling {lib.name} {args.repeat} times in one JVM "
        f"({'fresh plugin class loader per compilation' if args.fresh_loader else 'one shared class loader'})")
    proc = subprocess.run(cmd, text=True)
    (out / "meta.json").write_text(json.dumps({"library": lib.name, "lines": f"{lib.loc()['lines']:,}",
                                               "checks": checks, "fresh_loader": args.fresh_loader,
                                               "heap": args.heap}))
    print("\n".join(daemon_section(out / "heap.tsv")))
    bench = WORK / "bench" / "results.json"
    if bench.exists():  # refresh BENCHMARKS.md with the new section
        write_benchmarks_md(json.loads(bench.read_text()))
    return proc.returncode


def warm_flags(config, checks, baseline_check):
    """Error Prone flags of a configuration for a compiler that has the LeakGuard checks built in."""
    on = [f"-Xep:{c}:WARN" for c in checks]
    off = [f"-Xep:{c}:OFF" for c in checks]
    return {"ep-disabled": ["-XepDisableAllChecks"],
            "ep-default": ["-XepAllErrorsAsWarnings"] + off,
            "ep-default+leakguard": ["-XepAllErrorsAsWarnings"] + on,
            "ep-disabled+leakguard": ["-XepDisableAllChecks"] + on,
            f"ep-disabled+builtin:{baseline_check}": ["-XepDisableAllChecks", f"-Xep:{baseline_check}:WARN"],
            }[config]


def cmd_warm(args):
    """The benchmark's configurations in ONE warm JVM (as in a build daemon): no JIT warm-up or
    class loading in the measured compilations, so the checks' own cost is what differs."""
    libs, jar, checks = bench_inputs(args)
    out = WORK / "warm"
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    configs = list(CONFIGS) + [f"ep-disabled+builtin:{args.baseline_check}"]
    config_args = []
    for config in configs:
        for lib in libs:
            classes = WORK / "classes" / "warm" / f"{lib.name}-{config.replace(':', '-')}"
            shutil.rmtree(classes, ignore_errors=True)
            classes.mkdir(parents=True)
            stem = out / f"{lib.name}-{config.replace(':', '-')}"
            Path(f"{stem}.options").write_text(
                "\n".join(javac_options(lib, None, warm_flags(config, checks, args.baseline_check), classes)) + "\n")
            config_args += ["--config", config, lib.name, f"{stem}.options", str(lib.sources_file())]
    cmd = [tool("java"), f"-Xms{args.heap}", f"-Xmx{args.heap}", "-XX:+UseSerialGC", "-Xss4m", *jvm_flags(),
           "-cp", str(harness()), "dev.leakguard.corpus.WarmBench",
           "--shared-loader", errorprone_classpath() + os.pathsep + str(jar), "--checks-jar", str(jar),
           "--out", str(out / "warm.tsv"), "--rounds", str(args.rounds), "--warmup", str(args.warmup),
           "--seed", str(args.seed), *config_args]
    log(f"warm benchmark: {', '.join(l.name for l in libs)}; {args.warmup} warm-up + {args.rounds} rounds x "
        f"{len(configs)} configurations in one JVM")
    proc = subprocess.run(cmd, text=True)
    if proc.returncode != 0:
        return proc.returncode
    (out / "meta.json").write_text(json.dumps({"libraries": [l.name for l in libs], "rounds": args.rounds,
                                               "warmup": args.warmup, "heap": args.heap,
                                               "baseline": f"ep-disabled+builtin:{args.baseline_check}"}))
    print("\n".join(warm_section(out)))
    bench = WORK / "bench" / "results.json"
    if bench.exists():  # refresh BENCHMARKS.md with the new section
        write_benchmarks_md(json.loads(bench.read_text()))
    return 0


def warm_section(out):
    rows = [l.split("\t") for l in (out / "warm.tsv").read_text().splitlines()[1:] if l.strip()]
    meta = json.loads((out / "meta.json").read_text())
    per_round = {}
    for rnd, config, lib, cpu, wall in rows:
        agg = per_round.setdefault((int(rnd), config), {"cpu": 0.0, "wall": 0.0})
        agg["cpu"] += float(cpu)
        agg["wall"] += float(wall)
    rounds = sorted({r for r, _ in per_round})
    configs = list(CONFIGS) + [meta["baseline"]]
    lines = ["## Warm compiler (as in a build daemon)", "",
             f"`corpus/bench.sh --warm` compiles the same libraries ({', '.join(meta['libraries'])}) in ONE JVM "
             f"(-Xmx{meta['heap']}, serial GC) with Error Prone and the checks loaded once: {meta['warmup']} "
             f"warm-up rounds, then {meta['rounds']} measured rounds, each configuration compiling every library "
             "once per round in a shuffled order. A compilation's cost is the process CPU time it took (all "
             "threads, the collector included; a full GC before each one). Without JIT warm-up and class "
             "loading, which dominate a fresh `javac` process on these small libraries, what differs between "
             "configurations is the analysis itself.", "",
             "| Configuration | CPU seconds per round | Wall seconds per round |", "|---|---|---|"]
    for c in configs:
        cpu = describe([per_round[(r, c)]["cpu"] for r in rounds])
        wall = describe([per_round[(r, c)]["wall"] for r in rounds])
        lines.append(f"| {c} | {cpu['median']:.2f} (min {cpu['min']:.2f}, max {cpu['max']:.2f}) | "
                     f"{wall['median']:.2f} (min {wall['min']:.2f}, max {wall['max']:.2f}) |")
    lines += ["", "| Ratio (paired per round) | median | min | max |", "|---|---:|---:|---:|"]
    pairs = [("ep-default+leakguard", "ep-default"), ("ep-disabled+leakguard", "ep-disabled"),
             (meta["baseline"], "ep-disabled"), ("ep-default", "ep-disabled")]
    for num, den in pairs:
        d = describe([per_round[(r, num)]["cpu"] / per_round[(r, den)]["cpu"] for r in rounds])
        lines.append(f"| {num} / {den} cpu | {d['median']:.4f} | {d['min']:.4f} | {d['max']:.4f} |")
    d = describe([(per_round[(r, "ep-default+leakguard")]["cpu"] - per_round[(r, "ep-default")]["cpu"])
                  / per_round[(r, "ep-disabled")]["cpu"] for r in rounds])
    lines.append(f"| (ep-default+leakguard - ep-default) / ep-disabled cpu | {d['median']:.4f} | {d['min']:.4f} "
                 f"| {d['max']:.4f} |")
    return lines + [""]


def cmd_prepare(args):
    libs = select(load_libraries(), args.libs)
    with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
        list(pool.map(prepare, libs))
    total = 0
    for l in libs:
        loc = l.loc()
        total += loc["lines"]
        print(f"{l.name:16} {l.coords:55} {loc['files']:5} files {loc['lines']:8,} lines {loc['code_lines']:8,} code")
    print(f"{'total':16} {'':55} {'':5}       {total:8,} lines")
    return 0


# --------------------------------------------------------------------------------------------------
# Triage: reading findings, verdicts as data (corpus/triage.tsv), precision per check.
# --------------------------------------------------------------------------------------------------

TRIAGE_FILE = CORPUS / "triage.tsv"


def finding_key(f):
    return (f["library"], f["check"], f["file"], int(f["line"]))


def load_verdicts():
    """corpus/triage.tsv: library, check, file, line, verdict (true|noise), reason."""
    verdicts = {}
    if TRIAGE_FILE.exists():
        for line in TRIAGE_FILE.read_text().splitlines():
            if not line.strip() or line.startswith("#"):
                continue
            lib, check, file, lineno, verdict, reason = line.split("\t")[:6]
            verdicts[(lib, check, file, int(lineno))] = (verdict, reason)
    return verdicts


def cmd_show(args):
    """Prints each finding with the code around it, for reading during triage."""
    results = Path(args.results)
    verdicts = load_verdicts()
    libs = {l.name: l for l in load_libraries()}
    for f in read_jsonl(results / "findings.jsonl"):
        if args.check and f["check"] != args.check or args.lib and f["library"] != args.lib:
            continue
        if args.untriaged and finding_key(f) in verdicts:
            continue
        path = libs[f["library"]].src / f["file"]
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
        n = int(f["line"])
        print(f"=== {f['library']} {f['file']}:{n} [{f['check']}] {verdicts.get(finding_key(f), ('', ''))[0]}")
        print(f"    {f['message'].splitlines()[0]}")
        for i in range(max(1, n - args.context), min(len(lines), n + args.context) + 1):
            print(f"{'>' if i == n else ' '}{i:5} {lines[i - 1]}")
    return 0


def triage_markdown(results):
    findings = read_jsonl(results / "findings.jsonl")
    verdicts = load_verdicts()
    enabled = set()
    summary = results / "summary.md"
    if summary.exists():  # checks that ran but found nothing belong in the table too
        m = re.search(r"^Checks enabled: (.*)$", summary.read_text(), re.M)
        if m and not m.group(1).startswith("("):
            enabled = {c.strip() for c in m.group(1).split(",")}
    checks = sorted({f["check"] for f in findings} | enabled)
    rows, untriaged = [], []
    for c in checks:
        mine = [f for f in findings if f["check"] == c]
        judged = [verdicts[finding_key(f)][0] for f in mine if finding_key(f) in verdicts]
        untriaged += [f for f in mine if finding_key(f) not in verdicts]
        true, noise = judged.count("true"), judged.count("noise")
        precision = f"{100 * true / (true + noise):.0f}%" if true + noise else "n/a"
        rows.append(f"| {c} | {len(mine)} | {true} | {noise} | {len(mine) - len(judged)} | {precision} |")
    lines = ["| Check | Findings | True leak risk | Noise | Not triaged | Precision |",
             "|---|---:|---:|---:|---:|---:|"] + rows
    lines += ["", "| Library | File:line | Check | Verdict | Reason |", "|---|---|---|---|---|"]
    for f in findings:
        verdict, reason = verdicts.get(finding_key(f), ("?", "not triaged yet"))
        lines.append(f"| {f['library']} | `{f['file'].rsplit('/', 1)[-1]}:{f['line']}` | {f['check']} | "
                     f"{verdict} | {reason} |")
    return "\n".join(lines) + "\n", untriaged


def cmd_triage(args):
    results = Path(args.results)
    md, untriaged = triage_markdown(results)
    (results / "triage.md").write_text(md)
    print(md)
    if untriaged:
        log(f"{len(untriaged)} finding(s) without a verdict in {TRIAGE_FILE.name}")
    return 0


def replace_region(text, name, content):
    start, end = f"<!-- {name}:start -->", f"<!-- {name}:end -->"
    i, j = text.index(start) + len(start), text.index(end)
    return text[:i] + "\n" + content.strip() + "\n" + text[j:]


def cmd_docs(args):
    """Fills the results, precision and triage tables of docs/corpus.md from corpus/results."""
    results = Path(args.results)
    summary = (results / "summary.md").read_text()
    table = summary[summary.index("| Library"):].split("\n\nRun:")[0].strip()
    md, untriaged = triage_markdown(results)
    precision, every = md.split("\n\n", 1)
    doc = ROOT / "docs" / "corpus.md"
    text = doc.read_text()
    for name, content in (("results", table), ("precision", precision), ("triage", every)):
        text = replace_region(text, name, content)
    doc.write_text(text)
    log(f"updated {doc}" + (f"; {len(untriaged)} finding(s) have no verdict" if untriaged else ""))
    return 0


def add_toolchain_arguments(parser):
    """What to compile with: the checks jar (rebuilt or given), the Error Prone release and the JDK."""
    parser.add_argument("--build", action="store_true", help="rebuild the checks jar first")
    parser.add_argument("--checks-jar", help="use this checks jar instead of checks/target/leakguard-checks-*.jar")
    parser.add_argument("--errorprone-version", help="Error Prone release to compile with (default: the parent pom's)")
    parser.add_argument("--java-home", help="JDK to compile with (default: java/javac on PATH); 2.50+ needs JDK 21+")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    run = sub.add_parser("run", help="compile the corpus with every LeakGuard check")
    run.add_argument("--slice", action="store_true", help="only the libraries marked for the CI slice")
    run.add_argument("--libs", help="comma-separated library names (see corpus/libraries.tsv)")
    run.add_argument("--jobs", type=int, default=2, help="libraries compiled in parallel (default 2)")
    run.add_argument("--heap", default="3g", help="-Xmx of each compiler JVM (default 3g)")
    run.add_argument("--out", help="results directory (default: corpus/results for the full run, "
                                    "corpus/work/results-slice or results-partial otherwise)")
    run.add_argument("--with-defaults", action="store_true",
                     help="also run Error Prone's default checks (as warnings) next to LeakGuard's")
    run.add_argument("--allow-failures", action="store_true", help="exit 0 even if a library does not compile")
    add_toolchain_arguments(run)
    run.set_defaults(func=cmd_run)
    bench = sub.add_parser("bench", help="CPU and peak-memory benchmark, writes BENCHMARKS.md")
    bench.add_argument("--rounds", type=int, default=5)
    bench.add_argument("--libs", help="comma-separated library names (default: bench=y in libraries.tsv)")
    bench.add_argument("--heap", default="2g")
    bench.add_argument("--seed", type=int, default=6)
    bench.add_argument("--no-profile", action="store_true", help="skip the per-check timing compilation")
    bench.add_argument("--baseline-check", metavar="CHECK",
                       help="add a configuration with only this built-in check (e.g. DeadThread): the cost of "
                            "Error Prone scanning at all, to compare LeakGuard alone against")
    add_toolchain_arguments(bench)
    bench.set_defaults(func=cmd_bench)
    warm = sub.add_parser("warm", help="the benchmark's configurations in one warm JVM (build-daemon cost)")
    warm.add_argument("--libs", help="comma-separated library names (default: the bench=y libraries)")
    warm.add_argument("--rounds", type=int, default=6)
    warm.add_argument("--warmup", type=int, default=2)
    warm.add_argument("--seed", type=int, default=1)
    warm.add_argument("--heap", default="3g")
    warm.add_argument("--baseline-check", default="DeadThread")
    add_toolchain_arguments(warm)
    warm.set_defaults(func=cmd_warm)
    daemon = sub.add_parser("daemon", help="repeated compilations in one JVM, heap after GC per iteration")
    daemon.add_argument("--repeat", type=int, default=10)
    daemon.add_argument("--lib", default="httpcore5")
    daemon.add_argument("--heap", default="2g")
    daemon.add_argument("--fresh-loader", action="store_true",
                        help="load Error Prone as a javac plugin per compilation instead of one shared loader")
    add_toolchain_arguments(daemon)
    daemon.set_defaults(func=cmd_daemon)
    prep = sub.add_parser("prepare", help="download and unpack the corpus, print its size")
    prep.add_argument("--libs")
    prep.set_defaults(func=cmd_prepare)
    show = sub.add_parser("show", help="print findings with the code around them")
    show.add_argument("--results", default=str(CORPUS / "results"))
    show.add_argument("--check")
    show.add_argument("--lib")
    show.add_argument("--context", type=int, default=8)
    show.add_argument("--untriaged", action="store_true", help="only findings without a verdict")
    show.set_defaults(func=cmd_show)
    triage = sub.add_parser("triage", help="precision per check from corpus/triage.tsv -> results/triage.md")
    triage.add_argument("--results", default=str(CORPUS / "results"))
    triage.set_defaults(func=cmd_triage)
    docs = sub.add_parser("docs", help="fill the result tables of docs/corpus.md from corpus/results")
    docs.add_argument("--results", default=str(CORPUS / "results"))
    docs.set_defaults(func=cmd_docs)
    args = parser.parse_args()
    TOOLCHAIN["errorprone"] = getattr(args, "errorprone_version", None)
    TOOLCHAIN["java_home"] = getattr(args, "java_home", None)
    sys.exit(args.func(args))


if __name__ == "__main__":
    main()

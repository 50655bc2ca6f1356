// (d) -XepOpt:LeakGuard:DefaultTimeout=soon: a compile error that names the option; javac must not crash.
def log = new File(basedir, 'build.log').getText('UTF-8')

assert log.contains('BUILD FAILURE')
assert log.contains('COMPILATION ERROR') : 'the build failed, but not in the compiler'
assert !log.contains('An exception has occurred in the compiler') : 'javac crashed on a bad option value'
assert !(log =~ /(?m)^\s+at (com\.google\.errorprone|dev\.leakguard)\./).find() : 'stack trace in the build log'
def m = log =~ /(?m)^\[ERROR\] \S+\.java:\[\d+,\d+\] \[BlockingCallWithoutTimeout\] (.*-XepOpt:LeakGuard:DefaultTimeout.*)$/
assert m.find() : 'no compile error naming -XepOpt:LeakGuard:DefaultTimeout'
assert m.group(1).contains("'soon'") : "the error should quote the bad value: ${m.group(1)}"

def core = new File(localRepositoryPath, "com/google/errorprone/error_prone_core/${errorproneVersion}/error_prone_core-${errorproneVersion}.jar")
assert core.isFile() : "error_prone_core ${errorproneVersion} was not resolved for the demo build"
println "[verify] bad-option: clear error with Error Prone ${errorproneVersion}: ${m.group(1)}"
return true

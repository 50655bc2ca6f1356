// (a) The demo build must have failed in the compiler, on OrderWorker's take(), naming the check.
def log = new File(basedir, 'build.log').getText('UTF-8')
def source = new File(basedir, 'src/main/java/demo/OrderWorker.java')
int line = source.readLines().findIndexOf { it.contains('orders.take()') } + 1
assert line > 0 : 'demo source changed: no orders.take() in OrderWorker.java'

assert log.contains('BUILD FAILURE')
assert log.contains('COMPILATION ERROR') : 'the build failed, but not in the compiler'
def finding = ~/(?m)^\[ERROR\] \S*src\/main\/java\/demo\/OrderWorker\.java:\[${line},\d+\] \[BlockingCallWithoutTimeout\] (.+)$/
def m = log =~ finding
assert m.find() : "no BlockingCallWithoutTimeout error at OrderWorker.java line ${line} in build.log"
def message = m.group(1)
assert message.contains('poll(') : "message should name the bounded alternative: ${message}"

// Exactly one finding (Maven prints each error twice: in the compiler output and in the summary).
def sites = (log =~ /(\S+\.java:\[\d+,\d+\]) \[BlockingCallWithoutTimeout\]/).collect { it[1] }.toSet()
assert sites.size() == 1 : "expected one finding, got ${sites}"
assert log.contains('[INFO] 1 error')

// The build really ran with the Error Prone core asked for (-Dit.errorprone.version).
def core = new File(localRepositoryPath, "com/google/errorprone/error_prone_core/${errorproneVersion}/error_prone_core-${errorproneVersion}.jar")
assert core.isFile() : "error_prone_core ${errorproneVersion} was not resolved for the demo build"
println "[verify] leak-fails: OrderWorker.java:${line} flagged with Error Prone ${errorproneVersion}: ${message}"
return true

// (c) The bounded form, poll(30, SECONDS): the build passes with no finding.
def log = new File(basedir, 'build.log').getText('UTF-8')
def source = new File(basedir, 'src/fixed/java/demo/OrderWorker.java')
assert source.text.contains('orders.poll(30, TimeUnit.SECONDS)')

assert log.contains('BUILD SUCCESS')
assert !log.contains('[BlockingCallWithoutTimeout]') : 'clean code was reported'
def clazz = new File(basedir, 'target/classes/demo/OrderWorker.class')
assert clazz.isFile()
assert new String(clazz.bytes, 'ISO-8859-1').contains('poll')

def core = new File(localRepositoryPath, "com/google/errorprone/error_prone_core/${errorproneVersion}/error_prone_core-${errorproneVersion}.jar")
assert core.isFile() : "error_prone_core ${errorproneVersion} was not resolved for the demo build"
println "[verify] clean-passes: passed with Error Prone ${errorproneVersion}, no finding"
return true

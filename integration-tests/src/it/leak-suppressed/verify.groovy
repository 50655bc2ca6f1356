// (b) The same take(), under @SuppressWarnings("BlockingCallWithoutTimeout"): the build passes, silently.
def log = new File(basedir, 'build.log').getText('UTF-8')
def source = new File(basedir, 'src/suppressed/java/demo/OrderWorker.java')
assert source.text.contains('@SuppressWarnings("BlockingCallWithoutTimeout")')
assert source.text.contains('orders.take()')

assert log.contains('BUILD SUCCESS')
assert !log.contains('[BlockingCallWithoutTimeout]') : 'the suppressed site was still reported'
// The suppressed variant is what got compiled (its bytecode calls take).
def clazz = new File(basedir, 'target/classes/demo/OrderWorker.class')
assert clazz.isFile()
assert new String(clazz.bytes, 'ISO-8859-1').contains('take')

def core = new File(localRepositoryPath, "com/google/errorprone/error_prone_core/${errorproneVersion}/error_prone_core-${errorproneVersion}.jar")
assert core.isFile() : "error_prone_core ${errorproneVersion} was not resolved for the demo build"
println "[verify] leak-suppressed: passed with Error Prone ${errorproneVersion}, no finding"
return true

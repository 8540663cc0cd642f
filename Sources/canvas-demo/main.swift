// canvas-demo: a tiny full-screen app for trying the terminal layer by hand and in end-to-end tests.
// Arrows move the marker, space plays, s cycles the colour scale, q quits.
import GateCanvas
import GateTerminal
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

var app = CanvasDemoApp()
do {
    try GateTerminal.run(app: &app, commandName: "canvas-demo")
    print("canvas-demo: quit after \(app.counter) ticks")
} catch let interruption as TerminalInterruption {
    exit(interruption.exitStatus)
} catch {
    var message = "\(error)\n"
    message.withUTF8 { _ = write(STDERR_FILENO, $0.baseAddress, $0.count) }
    exit(1)
}

import Foundation
import SkillServer

// All behaviour lives in the SkillServer module: callbacks defined in this file's top-level
// code would be main-actor isolated and trap when libmicrohttpd calls them from its threads.
exit(await SkillServerCommandLine.run(Array(CommandLine.arguments.dropFirst())))

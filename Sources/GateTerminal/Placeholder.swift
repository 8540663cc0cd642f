// GateTerminal

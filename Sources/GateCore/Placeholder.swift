// GateCore

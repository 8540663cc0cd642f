// GateExplorer

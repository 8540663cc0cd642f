// GateFormats

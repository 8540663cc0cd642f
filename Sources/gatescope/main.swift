print("gatescope")

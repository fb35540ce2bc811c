local b = require("loop_b")
return "a(" .. tostring(b) .. ")"

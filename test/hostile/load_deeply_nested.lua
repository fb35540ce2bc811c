-- hostile: load deeply nested
-- expect: error:overflow|error:too many
local f, err = load("return " .. ("("):rep(1e6) .. "1" .. (")"):rep(1e6))
error(err)

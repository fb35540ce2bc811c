-- hostile: collectgarbage restricted
-- expect: error:not allowed in the sandbox
collectgarbage("stop")

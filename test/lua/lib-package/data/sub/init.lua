return "sub/init " .. select(1, ...)

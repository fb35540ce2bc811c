-- uncaught runtime error with variable information
print("start")
local config = {}
print(config.server.port)

-- objects built from closures
local function account(balance)
  local self = {}
  function self.deposit(v) balance = balance + v end
  function self.withdraw(v)
    if v > balance then error("insufficient funds", 2) end
    balance = balance - v
  end
  function self.balance() return balance end
  return self
end
local a = account(100)
a.deposit(50)
a.withdraw(30)
print(a.balance())
print(pcall(a.withdraw, 1000))
local b = account(0)
print(b.balance(), a.balance())
local memo = setmetatable({}, {__mode = "k"})
local function cached(f) return function(x) local v = memo[x]; if v == nil then v = f(x); memo[x] = v end; return v end end
local sq = cached(function(x) return x * x end)
print(sq(4), sq(4))

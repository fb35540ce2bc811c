-- an invalid sequence in utf8.codes ends the script with the reference's message
for p, c in utf8.codes("ab\xFF") do print(p, c) end
print("not reached")

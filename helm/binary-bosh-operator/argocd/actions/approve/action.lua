-- Gives the approval the operation in flight awaits: exactly the value the operator names in
-- status.awaitedApproval (the operation's id, <id>-fence before fencing the Micro, <id>-retry after a failed
-- adoption), so an approval never carries over to another gate or a later operation.
local awaited = obj.status and obj.status.awaitedApproval
if awaited == nil or awaited == "" then
  error("nothing awaits approval", 0)
end
if obj.metadata.annotations == nil then
  obj.metadata.annotations = {}
end
obj.metadata.annotations["binarybosh.io/approve"] = awaited
return obj

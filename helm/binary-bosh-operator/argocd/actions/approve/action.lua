-- Approves the operation in flight (with approval: Manual, destructive steps wait for this), by its id, so an
-- approval never carries over to a later operation.
if obj.status == nil or obj.status.operation == nil or obj.status.operation.id == nil then
  error("no operation in flight to approve", 0)
end
if obj.metadata.annotations == nil then
  obj.metadata.annotations = {}
end
obj.metadata.annotations["binarybosh.io/approve"] = obj.status.operation.id
return obj

-- Argo CD health check for binarybosh.io/BinaryBoshPair (resource.customizations.health.binarybosh.io_BinaryBoshPair).
-- Conditions carry the truth; the phase only decides what the conditions leave open.
local hs = {}

local function condition(conditionType)
  if obj.status == nil or obj.status.conditions == nil then
    return nil
  end
  for _, c in ipairs(obj.status.conditions) do
    if c.type == conditionType then
      return c
    end
  end
  return nil
end

local function isTrue(conditionType)
  local c = condition(conditionType)
  return c ~= nil and c.status == "True"
end

local function messageOf(c, fallback)
  if c ~= nil and c.message ~= nil and c.message ~= "" then
    return c.message
  end
  return fallback
end

local annotations = (obj.metadata and obj.metadata.annotations) or {}
local status = obj.status or {}
local phase = status.phase

if obj.metadata ~= nil and obj.metadata.deletionTimestamp ~= nil then
  hs.status = "Progressing"
  hs.message = "Being deleted"
  if obj.metadata.finalizers ~= nil and #obj.metadata.finalizers > 0 then
    hs.message = hs.message .. ", waiting for finalizers: " .. table.concat(obj.metadata.finalizers, ", ")
  end
  return hs
end

if isTrue("SplitBrain") then
  hs.status = "Degraded"
  hs.message = messageOf(condition("SplitBrain"), "Split brain: two directors hold the same deployment")
  return hs
end
-- A person's approval is awaited (status.awaitedApproval, written by the operator): Suspended, saying how to give it.
if status.awaitedApproval ~= nil and status.awaitedApproval ~= "" then
  local namespace = (obj.metadata and obj.metadata.namespace) or "default"
  local name = (obj.metadata and obj.metadata.name) or ""
  -- The Blocked condition says what the decision waits for, True or not; then the step's own words.
  local why = messageOf(condition("Blocked"), nil)
  if why == nil and status.operation ~= nil then
    why = status.operation.message
  end
  why = why or messageOf(condition("Ready"), "approval awaited")
  hs.status = "Suspended"
  hs.message = why .. ". Approve with the approve action, or: kubectl bbp approve " .. name .. " -n " .. namespace ..
    " (kubectl annotate bbp " .. name .. " -n " .. namespace .. " --overwrite binarybosh.io/approve=" ..
    status.awaitedApproval .. ")"
  return hs
end
if isTrue("Blocked") then
  hs.status = "Degraded"
  hs.message = messageOf(condition("Blocked"), "Blocked: the operator needs a person")
  return hs
end
local specValid = condition("SpecValid")
if specValid ~= nil and specValid.status == "False" then
  hs.status = "Degraded"
  hs.message = messageOf(specValid, "The spec or a Secret it references is invalid")
  return hs
end
if phase == "Lost" then
  hs.status = "Degraded"
  hs.message = messageOf(condition("Ready"), "Lost: neither Primary nor Meta answers")
  return hs
end

if annotations["binarybosh.io/paused"] == "true" or isTrue("Paused") then
  hs.status = "Suspended"
  hs.message = messageOf(condition("Paused"),
    "Paused by the binarybosh.io/paused annotation: no action is taken, observation goes on")
  return hs
end

local generation = obj.metadata and obj.metadata.generation
if status.observedGeneration == nil or (generation ~= nil and status.observedGeneration < generation) then
  hs.status = "Progressing"
  hs.message = "Waiting for the operator to observe the latest spec"
  return hs
end

local operation = status.operation
if operation ~= nil then
  hs.status = "Progressing"
  hs.message = (operation.type or "Operation") .. " in progress, step " .. (operation.step or "?")
  if operation.message ~= nil and operation.message ~= "" then
    hs.message = hs.message .. ": " .. operation.message
  end
  return hs
end

if phase == "Pending" then
  hs.status = "Progressing"
  hs.message = messageOf(condition("Ready"), phase)
  return hs
end

local ready = condition("Ready")
if ready ~= nil and ready.status == "True" then
  hs.status = "Healthy"
  hs.message = messageOf(ready, "Primary and Meta manage each other")
  return hs
end

if phase == "Degraded" or phase == "Invalid" then
  hs.status = "Degraded"
  hs.message = messageOf(ready, phase)
  return hs
end

hs.status = "Progressing"
hs.message = messageOf(ready, "Waiting for Ready")
return hs

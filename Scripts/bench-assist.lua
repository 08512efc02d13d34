-- wrk script for Scripts/bench-assist.sh: POSTs CDS Hooks calls for the patients in a TSV file
-- (service <TAB> patient id), each connection pacing itself to one request per `pace` ms.
-- Arguments: patients.tsv token-file pace-ms service (empty service: GET /healthz).
local paths, patients = {}, {}
local pace, service, n, counter = 100, "", 0, 0

function init(args)
  local tokenFile = io.open(args[2]):read("*l")
  pace = tonumber(args[3])
  service = args[4] or ""
  for line in io.lines(args[1]) do
    local s, p = line:match("^([^\t]+)\t([^\t]+)$")
    if s then
      n = n + 1
      paths[n] = "/cds-services/" .. s
      patients[n] = p
    end
  end
  wrk.headers["Authorization"] = "Bearer " .. tokenFile
  wrk.headers["Content-Type"] = "application/json"
  math.randomseed(os.time() + (id or 0))
  counter = math.random(1, 1000000)
end

function request()
  if service == "" or n == 0 then
    return wrk.format("GET", "/healthz", nil, nil)
  end
  counter = counter + 1
  local k = math.random(1, n)
  local body = string.format(
    '{"hook":"patient-view","hookInstance":"bench-%d-%d","context":{"userId":"Practitioner/bench","patientId":"%s"}}',
    counter, math.random(1, 1000000000), patients[k])
  return wrk.format("POST", paths[k], nil, body)
end

function delay()
  return pace
end

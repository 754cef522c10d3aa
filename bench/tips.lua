-- wrk script for bench/tips.py: each thread fetches the tip form once (CSRF cookie and token), then posts
-- tips with a fresh form key each. Counts accepted tips (a receipt code in the answer), 5xx and the rest.
local counter = 0
local threads = {}

function setup(thread)
  thread:set("id", counter)
  table.insert(threads, thread)
  counter = counter + 1
end

function init(args)
  path = args[1] or "/report/en/"
  math.randomseed(os.time() * 1000 + id)
  token, cookie = nil, nil
  accepted, errors, other, forms = 0, 0, 0, 0
end

local function hex(n)
  local out = {}
  for i = 1, n do out[i] = string.format("%x", math.random(0, 15)) end
  return table.concat(out)
end

local function uuid4()
  return hex(8) .. "-" .. hex(4) .. "-4" .. hex(3) .. "-a" .. hex(3) .. "-" .. hex(12)
end

function request()
  if not token then
    return wrk.format("GET", path)
  end
  local body = "csrfmiddlewaretoken=" .. token .. "&idempotency_key=" .. uuid4()
    .. "&what_happened=Load+test+tip&danger_now=no&child_involved=unknown&contact_choice=anonymous"
    .. "&district=LC-02"
  return wrk.format("POST", path, {
    ["Content-Type"] = "application/x-www-form-urlencoded",
    ["Cookie"] = cookie,
    ["Referer"] = "http://127.0.0.1/",
  }, body)
end

function response(status, headers, body)
  if status >= 500 then
    errors = errors + 1
  elseif status == 200 and string.find(body, 'id="receipt-code"', 1, true) then
    accepted = accepted + 1
  elseif status == 200 and not token and string.find(body, "csrfmiddlewaretoken", 1, true) then
    forms = forms + 1
    local set = headers["Set-Cookie"] or ""
    local value = string.match(set, "csrftoken=([^;]+)")
    local field = string.match(body, 'name="csrfmiddlewaretoken" value="([^"]+)"')
    if value and field then
      cookie, token = "csrftoken=" .. value, field
    end
  elseif status == 200 then
    forms = forms + 1
  else
    other = other + 1
  end
end

function done(summary, latency, requests)
  local a, e, o, f = 0, 0, 0, 0
  for _, thread in ipairs(threads) do
    a = a + thread:get("accepted")
    e = e + thread:get("errors")
    o = o + thread:get("other")
    f = f + thread:get("forms")
  end
  io.write(string.format("RESULT accepted=%d errors5xx=%d other=%d forms=%d p50_ms=%.1f p99_ms=%.1f\n",
    a, e, o, f, latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end

-- bench/serve.lua — wrk script for POST /api/code (bench/serve.sh): every
-- request posts the same short invented story as plain text.
wrk.method = "POST"
wrk.headers["Content-Type"] = "text/plain"
wrk.body = "Valdoria threatened Karesh with sanctions on Monday, officials in Orlesia said. " ..
    "Orlesia praised Zantor for its help after the floods. " ..
    "Valdorian troops shelled Karesh overnight, witnesses said. " ..
    "Karesh condemned Valdoria and accused it of aggression along the frontier."

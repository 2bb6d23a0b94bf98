-- wrk: send every request in absolute form, as a browser does to a forward proxy (`GET http://bench/ HTTP/1.1`).
-- wrk keeps the URL's host:port for the TCP connection; the request line and Host name the service instead.
request = function()
  return "GET http://bench/ HTTP/1.1\r\nHost: bench\r\n\r\n"
end

"""Publishing decisions and the call-in window: democratic services' dashboard and
call-in pages, councillors' requests and signatures, and the services behind them."""

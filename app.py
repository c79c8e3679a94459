"""Entry point: ``python app.py`` runs the development server; ``server`` is for WSGI."""

from dashboard.app import create_app

app = create_app()
server = app.server

if __name__ == "__main__":
    from dashboard.settings import Settings

    s = Settings.from_env()
    from dashboard.app import start_warming

    start_warming(app)  # the common views, computed in the background
    print(f"仪表盘已启动 / dashboard running at http://{s.host}:{s.port}/")
    app.run(host=s.host, port=s.port, debug=s.debug)

//! Pod Playground's web app.

//! The Learn section: the course map, lesson pages and their tasks. The course, the checks and
//! the format of the lesson texts are core's (`podplay_core::lessons`); this module renders them,
//! fetches the texts and asks for checks through [`client`], and keeps the learner's progress.

pub mod client;
pub mod lesson;
pub mod map;
pub mod progress;
pub mod prose;
pub mod route;
pub mod task;
pub mod text;

pub use lesson::LessonPage;
pub use map::CourseMap;

/** Entry point of the teaching app: registers the elements; `<ldn-app>` in index.html does the rest. */
import './ldn-app';

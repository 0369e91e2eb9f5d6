export function greet(name) {
	console.log("greet", name);
        return `Hello, ${name}`;
}

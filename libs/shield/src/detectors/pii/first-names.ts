/**
 * A small, hand-picked list of common given names (English-speaking countries, Germany, France,
 * Spain, Italy, the Netherlands, Scandinavia, India, and romanised Chinese and Arabic names).
 * Names that are also common English words or places (Will, May, June, Bill, Grace, Paris, Jordan,
 * Ruby...) are left out on purpose: they cost more false positives than they find.
 */
export const FIRST_NAMES: ReadonlySet<string> = new Set(
  `
James John Robert Michael David Richard Joseph Thomas Charles Christopher Daniel Matthew Anthony
Donald Steven Paul Andrew Joshua Kenneth Kevin Brian George Timothy Ronald Edward Jason Jeffrey Ryan
Jacob Gary Nicholas Eric Jonathan Stephen Larry Justin Scott Brandon Benjamin Samuel Gregory Alexander
Patrick Jack Dennis Jerry Tyler Aaron Jose Adam Nathan Henry Douglas Zachary Peter Kyle Noah Ethan
Jeremy Walter Christian Keith Roger Terry Austin Sean Gerald Carl Harold Dylan Arthur Lawrence
Jesse Bryan Billy Bruce Gabriel Joe Logan Alan Juan Albert Willie Elijah Randy Wayne Vincent Liam
Mary Patricia Jennifer Linda Elizabeth Barbara Susan Jessica Sarah Karen Lisa Nancy Betty Sandra
Margaret Ashley Kimberly Emily Donna Michelle Carol Amanda Melissa Deborah Stephanie Rebecca Sharon
Laura Cynthia Dorothy Amy Kathleen Angela Shirley Emma Brenda Pamela Nicole Anna Samantha Katherine
Christine Debra Rachel Carolyn Janet Maria Olivia Heather Helen Catherine Diane Julie Victoria Joyce
Lauren Kelly Christina Ruth Joan Virginia Judith Evelyn Hannah Andrea Megan Cheryl Jacqueline Madison
Teresa Abigail Sophia Martha Sara Gloria Janice Kathryn Ann Theresa Charlotte Isabella Natalie Alice
Sophie Chloe Lucy Amelia Ava Mia Ella Harriet Eleanor Oliver Harry Charlie Freddie Alfie Archie
Hans Klaus Jürgen Juergen Stefan Wolfgang Andreas Michael Thomas Frank Markus Uwe Dieter Sabine Ursula
Monika Petra Andrea Claudia Susanne Birgit Katrin Julia Lukas Felix Maximilian Leon Paul Finn Jonas
Lena Laura Marie Leonie Johanna Greta Tobias Florian Matthias Sebastian Katharina Anke Heike Gisela
Jean Pierre Michel Philippe Alain Nicolas Christophe Laurent Julien Antoine Mathieu Olivier Camille
Manon Sylvie Nathalie Isabelle Catherine Françoise Francoise Valérie Valerie Céline Celine Amélie
Élodie Elodie Chloé Léa Lea Inès Ines Hugo Louis Théo Theo Lucas Mathis Clément Clement Baptiste
Carlos Javier Antonio Manuel Francisco Miguel Alejandro Pablo Sergio Jorge Alberto Fernando Diego
Carmen Lucía Lucia Isabel Pilar Elena Marta Cristina Rosa Dolores Mercedes Alejandra Valentina
Giuseppe Giovanni Francesco Luca Marco Andrea Matteo Alessandro Lorenzo Giulia Chiara Francesca
Federica Silvia Paola Roberta Alessia Daan Sem Bram Jeroen Pieter Sanne Anouk Femke Lotte Ingrid
Lars Anders Erik Nils Sven Astrid Sigrid Freya Ingrid Johan Henrik Magnus Mikael Karin Annika
Rahul Amit Priya Ananya Arjun Rohan Vikram Sanjay Deepak Anil Sunil Pooja Neha Kavya Aditya Ravi
Suresh Ramesh Lakshmi Meera Divya Ankit Nikhil Wei Jing Ming Hui Xiao Yan Li Jun Hao Chen Ahmed
Mohammed Muhammad Ali Omar Hassan Hussein Fatima Aisha Layla Yusuf Ibrahim Khalid Mustafa Karim
Yuki Hiroshi Takeshi Kenji Haruto Sakura Yuna Minjun Jiwoo Seoyeon Olga Irina Natalia Dmitri Sergei
Ivan Alexei Svetlana Tatiana Anastasia Piotr Katarzyna Agnieszka Tomasz Krzysztof Magdalena
`
    .split(/\s+/)
    .filter((n) => n.length > 0),
);

/** Capitalised words that follow a given name in text without being a surname. */
export const NOT_SURNAMES: ReadonlySet<string> = new Set(
  `
Street Avenue Road Lane Drive Boulevard Court Place Square Park Station Airport University College
School Hospital Church Bank Bridge Hall House Center Centre Inc Corp Ltd Limited Group Foundation
Institute Museum Library Company Airlines Motors Labs Studio Studios Records Press Times Post Day
January February March April May June July August September October November December Monday
Tuesday Wednesday Thursday Friday Saturday Sunday The And Or But If Is Was Are In On At To For Of
With From By As An A I It This That These Those He She We They You Your My Our His Her Their
Sir Madam Team All Everyone Customer Customers Colleague Colleagues Friend Friends User Users Support
River Lake Sea Valley Mountain City County River Lake Sea Valley Mountain City County Manager Hiring Committee Reader Sirs Mr Mrs Ms Dr Prof Miss Herr Frau Madame Monsieur String Number Boolean Object None Null True False Text
`
    .split(/\s+/)
    .filter((n) => n.length > 0),
);
